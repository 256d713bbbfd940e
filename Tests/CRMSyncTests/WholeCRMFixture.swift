import CRMClient
import CRMModel
import Foundation
@testable import CRMSync

/// A CRM holding every kind of thing a backup carries: a custom field on each form, tags with
/// colours on every entity, a case type of its own, and records of all five entities linked to
/// each other (contacts → organizations; leads and opportunities → contacts, organizations,
/// pipeline stages; cases → contacts, organizations, case types and their statuses).
enum WholeCRMFixture {
    static func seed(_ client: CRMClient) async throws {
        for form in FormName.allCases {
            let fields = try await client.forms.get(form)
            _ = try await client.forms.put(
                form, fields: fields + [FormField(id: FieldID("cf_tier"), label: "Tier", type: .text)])
        }
        for (entity, label, color) in [
            (EntityKind.contact, "VIP", "#ff0000"), (.organization, "Partner", "#00aa00"), (.lead, "Hot", "#ffaa00"),
            (.opportunity, "Big", "#0000ff"), (.case, "Urgent", "#aa00aa"),
        ] {
            _ = try await client.tags(for: entity).create(TagOption(label: label, color: color))
        }
        let featureType = try await client.caseTypes.create(CaseType(label: "Feature Request"))

        let northwind = try await client.organizations.create(
            Organization(fields: [
                "name": "Northwind Traders", "website": "https://northwind.example", "tags": ["Partner"],
                "customFields": ["cf_tier": "gold"],
            ]))
        let contoso = try await client.organizations.create(Organization(fields: ["name": "Contoso"]))
        let northwindID = JSONValue.string(northwind.id?.rawValue ?? "")
        let contosoID = JSONValue.string(contoso.id?.rawValue ?? "")
        let amelia = try await client.contacts.create(
            Contact(fields: [
                "name": "Amelia Hart", "jobTitle": "Purchasing Lead", "organizationId": northwindID,
                "note": "Met at the fair;\nprefers e-mail",
                "email": [["label": "Work", "value": "amelia.hart@northwind.example", "primary": true]],
                "phone": [["label": "Mobile", "value": "+14155550101", "primary": true]],
                "tags": ["VIP"], "customFields": ["cf_tier": "platinum"],
            ]))
        let bo = try await client.contacts.create(
            Contact(fields: [
                "name": "Bo Li", "organizationId": contosoID,
                "email": [["label": "Other", "value": "bo.li@example.net", "primary": false]],
            ]))
        _ = try await client.contacts.create(Contact(fields: ["name": "Zoë Ångström-Duval"]))
        let ameliaID = JSONValue.string(amelia.id?.rawValue ?? "")
        let boID = JSONValue.string(bo.id?.rawValue ?? "")

        _ = try await client.leads.create(
            Lead(fields: [
                "title": "Cloud Migration", "contactId": ameliaID, "organizationId": northwindID, "tags": ["Hot"],
                "value": ["amount": 25000, "code": "USD"], "customFields": ["cf_tier": "silver"],
            ]))
        let archived = try await client.leads.create(Lead(fields: ["title": "Old enquiry", "contactId": boID]))
        if let id = archived.id { _ = try await client.leads.archive(id) }

        let pipelines = try await client.pipelines.list()
        let pipeline = pipelines.first
        let qualified = pipeline?.stages?.first { $0.label == "Qualified" }?.id?.rawValue
        var deal: JSONObject = [
            "title": "Big deal", "contactId": boID, "organizationId": contosoID, "tags": ["Big"],
            "value": ["amount": 5000, "code": "EUR"], "status": "won",
        ]
        if let id = pipeline?.id?.rawValue, let qualified {
            deal["pipelineId"] = .string(id)
            deal["stage"] = .string(qualified)
        }
        _ = try await client.opportunities.create(Opportunity(fields: deal))

        var request = Case(fields: [
            "title": "Dark mode", "contactId": ameliaID, "organizationId": northwindID, "tags": ["Urgent"],
        ])
        request.caseTypeId = featureType.id
        let created = try await client.cases.create(request)
        var move = Case()
        move.status = "In Progress"
        if let id = created.id { _ = try await client.cases.update(id, move) }
        _ = try await client.cases.create(Case(fields: ["title": "Login fails", "contactId": boID]))
    }
}
