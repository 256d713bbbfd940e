import CRMClient
import CRMModel
import Foundation
import Testing

extension TestSandbox {
    /// The ids a list answers for these query parameters.
    func listIds(_ kind: EntityKind, _ query: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> [String]
    {
        let answer = try await expect(
            200, "GET", kind.collectionPath, query: query + [("size", "1000")], sourceLocation: sourceLocation)
        return answer["items"]?.arrayValue?.map(\.recordId) ?? []
    }

    func createTag(_ kind: EntityKind, _ label: String) async throws -> String {
        try await expect(201, "POST", kind.tagsPath, json: ["label": .string(label)]).recordId
    }
}

@Suite struct ListFilterTests {
    @Test func contactFilters() async throws {
        try await withSandbox { sandbox in
            let vip = try await sandbox.createTag(.contact, "vip")
            _ = try await sandbox.createTag(.contact, "cold")
            let acme = try await sandbox.create(.organization, ["name": "Acme Widgets"])["id"] ?? .null
            let ann =
                try await sandbox.create(
                    .contact,
                    [
                        "name": "Ann Smith", "email": [["value": "Ann@Work.example"]],
                        "phone": [["value": "+1 (555) 123-4567"]],
                        "tags": "vip", "organizationId": acme,
                    ])["id"]?.stringValue ?? ""
            let bob =
                try await sandbox.create(
                    .contact,
                    [
                        "name": "Bob Jones", "email": [["value": "bob@home.example"]],
                        "phone": [["value": "555 987 6543"]],
                        "tags": [.string(vip), "cold"],
                    ])["id"]?.stringValue ?? ""
            let cy = try await sandbox.create(.contact, ["name": "Cy 100%_done"])["id"]?.stringValue ?? ""

            #expect(try await sandbox.listIds(.contact, []) == [ann, bob, cy])
            #expect(try await sandbox.listIds(.contact, [("ids", "\(ann),\(cy),x")]) == [ann, cy])
            #expect(try await sandbox.listIds(.contact, [("name", "smith")]) == [ann])
            #expect(try await sandbox.listIds(.contact, [("name", "100%_")]) == [cy])
            #expect(try await sandbox.listIds(.contact, [("name", "%")]) == [cy])
            #expect(try await sandbox.listIds(.contact, [("email", "ann@WORK")]) == [ann])
            #expect(try await sandbox.listIds(.contact, [("phone", "1234567")]) == [ann])
            #expect(try await sandbox.listIds(.contact, [("phone", "(987) 65")]) == [bob])
            #expect(try await sandbox.listIds(.contact, [("tags", "vip")]) == [ann, bob])
            #expect(try await sandbox.listIds(.contact, [("tags", "COLD,unknown")]) == [bob])
            #expect(try await sandbox.listIds(.contact, [("tags", vip)]) == [ann, bob])
            #expect(try await sandbox.listIds(.contact, [("tags", "unknown")]) == [])
            #expect(try await sandbox.listIds(.contact, [("organizationId", acme.stringValue ?? "")]) == [ann])
            #expect(try await sandbox.listIds(.contact, [("searchValue", "widgets")]) == [ann])
            #expect(try await sandbox.listIds(.contact, [("searchValue", "home.example")]) == [bob])
            #expect(try await sandbox.listIds(.contact, [("searchValue", "cy")]) == [cy])
            #expect(try await sandbox.listIds(.contact, [("name", "o"), ("tags", "vip")]) == [bob])
            #expect(try await sandbox.listIds(.contact, [("orderBy", "name"), ("sort", "desc")]) == [cy, bob, ann])
            #expect(
                try await sandbox.listIds(.contact, [("orderBy", "createdAt"), ("sort", "desc")]) == [cy, bob, ann])
        }
    }

    @Test func organizationFilters() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.createTag(.organization, "partner")
            let acme =
                try await sandbox.create(.organization, ["name": "Acme", "address": "123 Main St", "tags": "partner"])[
                    "id"]?.stringValue ?? ""
            let globex =
                try await sandbox.create(
                    .organization, ["name": "Globex", "address": "9 Elm Road", "industry": "Energy"])["id"]?.stringValue
                ?? ""
            #expect(try await sandbox.listIds(.organization, [("name", "glob")]) == [globex])
            #expect(try await sandbox.listIds(.organization, [("address", "main")]) == [acme])
            #expect(try await sandbox.listIds(.organization, [("tags", "partner")]) == [acme])
            #expect(try await sandbox.listIds(.organization, [("orderBy", "industry")]) == [acme, globex])
        }
    }

    @Test func leadAndOpportunityFilters() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.createTag(.lead, "lead-tags")
            let org = try await sandbox.create(.organization, ["name": "Acme"])["id"] ?? .null
            let contact = try await sandbox.create(.contact, ["name": "Ann"])["id"] ?? .null
            let cloud =
                try await sandbox.create(
                    .lead, ["title": "Cloud Migration Service", "organizationId": org, "tags": "lead-tags"])["id"]?
                .stringValue ?? ""
            let other =
                try await sandbox.create(.lead, ["title": "Office chairs", "contactId": contact])["id"]?.stringValue
                ?? ""
            try await sandbox.expect(200, "PATCH", "/pipeline/leads/\(other)/archive")
            #expect(try await sandbox.listIds(.lead, [("title", "cloud")]) == [cloud])
            #expect(try await sandbox.listIds(.lead, [("organizationId", org.stringValue ?? "")]) == [cloud])
            #expect(try await sandbox.listIds(.lead, [("contactId", "\(contact.stringValue ?? ""),77")]) == [other])
            #expect(try await sandbox.listIds(.lead, [("tags", "lead-tags")]) == [cloud])
            #expect(try await sandbox.listIds(.lead, [("isArchived", "TRUE")]) == [other])
            #expect(try await sandbox.listIds(.lead, [("isArchived", "false")]) == [cloud])
            try await sandbox.expect(201, "POST", "/pipeline/leads/\(cloud)/convert")
            #expect(try await sandbox.listIds(.lead, [("isConverted", "true")]) == [cloud])
            #expect(try await sandbox.listIds(.lead, [("orderBy", "name"), ("sort", "desc")]) == [other, cloud])

            let owned =
                try await sandbox.create(
                    .opportunity, ["title": "Owned", "owner": ["id": "u-1", "name": "Ann"], "contactId": contact])[
                    "id"]?.stringValue ?? ""
            let converted = try await sandbox.listIds(.opportunity, [("title", "cloud")])
            #expect(converted.count == 1)
            #expect(try await sandbox.listIds(.opportunity, [("ownerId", "u-1")]) == [owned])
            #expect(try await sandbox.listIds(.opportunity, [("contactId", contact.stringValue ?? "")]) == [owned])
            try await sandbox.expect(
                200, "PATCH", "/pipeline/opportunities/\(owned)/updateStage", json: ["stage": "Closing"])
            #expect(
                try await sandbox.listIds(.opportunity, [("orderBy", "stage"), ("sort", "desc")]) == [owned] + converted
            )
        }
    }

    @Test func caseFiltersAndOffset() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.createTag(.case, "billing")
            let tagId =
                try await sandbox.expect(200, "GET", "/cases/tags/cases")["items"]?.arrayValue?.first?.recordId ?? ""
            let first =
                try await sandbox.create(.case, ["title": "Outage", "tags": .string(tagId), "owner": ["id": "o-1"]])[
                    "id"]?.stringValue ?? ""
            let second =
                try await sandbox.create(.case, ["title": "Invoice wrong", "status": "in-progress"])["id"]?.stringValue
                ?? ""
            let third = try await sandbox.create(.case, ["title": "Outage again"])["id"]?.stringValue ?? ""
            #expect(try await sandbox.listIds(.case, [("title", "outage")]) == [first, third])
            #expect(try await sandbox.listIds(.case, [("status", "open")]) == [first, third])
            #expect(try await sandbox.listIds(.case, [("status", "In Progress")]) == [second])
            #expect(
                try await sandbox.listIds(.case, [("caseType", "7e893fc4-9083-4e00-a283-564973ec2837")]) == [
                    first, second, third,
                ])
            #expect(try await sandbox.listIds(.case, [("caseType", "other")]) == [])
            #expect(try await sandbox.listIds(.case, [("ownerId", "o-1")]) == [first])
            #expect(try await sandbox.listIds(.case, [("tags", tagId)]) == [first])
            #expect(try await sandbox.listIds(.case, [("createdAfterDate", "2000-01-01")]) == [first, second, third])
            #expect(try await sandbox.listIds(.case, [("createdBeforeDate", "2000-01-01T00:00:00+02:00")]) == [])
            #expect(try await sandbox.listIds(.case, [("createdAfterDate", "2999-01-01T00:00:00Z")]) == [])
            let page = try await sandbox.expect(
                200, "GET", "/cases/cases", query: [("offset", "1"), ("size", "1"), ("page", "3")])
            #expect(page["items"]?.arrayValue?.map(\.recordId) == [second])
            #expect(page["page"] == 2)
            #expect(page["offset"] == 1)
            #expect(page["total"] == 3)
            let past = try await sandbox.expect(200, "GET", "/cases/cases", query: [("page", "9")])
            #expect(past["items"] == [])
        }
    }
}
