import CRMClient
import CRMModel
import Foundation
import Testing

/// The record operations of every kind, through the client, against a real sandbox.
@Suite struct SandboxRecordTests {
    @Test func contactsCreateGetUpdateListDelete() async throws {
        try await withSandbox { sandbox in
            let contacts = sandbox.client.contacts
            let created = try await contacts.create(
                Contact(name: "Jane Doe", email: [LabeledValue(label: "Work", value: "jane@acme.com", primary: true)]))
            let id = try #require(created.id)
            #expect(created.name == "Jane Doe")
            #expect(try await contacts.get(id).email?.first?.value == "jane@acme.com")

            var patch = Contact()
            patch.jobTitle = "CTO"
            let updated = try await contacts.update(id, patch)
            #expect(updated.jobTitle == "CTO")
            #expect(updated.name == "Jane Doe")

            _ = try await contacts.create(Contact(name: "John Roe"))
            let found = try await contacts.list(ContactFilter(email: "acme.com")).collect()
            #expect(found.map(\.id) == [id])

            try await contacts.delete(id)
            let error = await #expect(throws: CRMError.self) { _ = try await contacts.get(id) }
            #expect(error?.status == 404)
            #expect(error?.code == "not_found")
        }
    }

    @Test func organizationsLeadsOpportunitiesAndCases() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let organization = try await client.organizations.create(Organization(name: "Acme"))
            let orgId = try #require(organization.id)
            var orgPatch = Organization()
            orgPatch.industry = "Widgets"
            #expect(try await client.organizations.update(orgId, orgPatch).industry == "Widgets")
            #expect(try await client.organizations.list(OrganizationFilter(name: "acm")).collect().count == 1)

            var lead = Lead(title: "Cloud Migration")
            lead.organizationId = orgId
            let createdLead = try await client.leads.create(lead)
            let leadId = try #require(createdLead.id)
            #expect(try await client.leads.get(leadId).organizationId == orgId)
            #expect(try await client.leads.list(LeadFilter(organizationIds: [orgId])).collect().count == 1)

            let opportunity = try await client.opportunities.create(Opportunity(title: "Deal"))
            let opportunityId = try #require(opportunity.id)
            #expect(opportunity.status == .open)
            var opportunityPatch = Opportunity()
            opportunityPatch.value = Money(amount: 1200, code: "USD")
            #expect(try await client.opportunities.update(opportunityId, opportunityPatch).value?.amount == 1200)

            let createdCase = try await client.cases.create(Case(title: "Outage"))
            let caseId = try #require(createdCase.id)
            #expect(try await client.cases.get(caseId).title == "Outage")
            #expect(try await client.cases.page(offset: 0, size: 5).items.count == 1)

            try await client.cases.delete(caseId)
            try await client.opportunities.delete(opportunityId)
            try await client.leads.delete(leadId)
            try await client.organizations.delete(orgId)
            #expect(try await client.organizations.page().items.isEmpty)
        }
    }

    @Test func listsWalkEveryPageInOrder() async throws {
        try await withSandbox { sandbox in
            let contacts = sandbox.client.contacts
            for index in 1...23 { _ = try await contacts.create(Contact(name: "Person \(index)")) }
            let all = try await contacts.list(pageSize: 5).collect()
            #expect(all.count == 23)
            #expect(Set(all.compactMap(\.id)).count == 23)
            let descending = try await contacts.list(sort: .descending("id"), pageSize: 10).collect()
            #expect(descending.compactMap(\.id) == all.compactMap(\.id).reversed())
            let page = try await contacts.page(3, size: 10)
            #expect(page.items.count == 3)
            #expect(page.total == 23)
            #expect(!page.hasMore)
        }
    }

    @Test func validationErrorsCarryTheirDetails() async throws {
        try await withSandbox { sandbox in
            let error = await #expect(throws: CRMError.self) {
                _ = try await sandbox.client.contacts.create(Contact(fields: ["jobTitle": "no name"]))
            }
            #expect(error?.status == 400)
            guard case .api(let failure)? = error else { return }
            #expect(failure.body?.details?.contains { $0.field == "name" } == true)
            #expect(failure.attempts == 1)
        }
    }
}
