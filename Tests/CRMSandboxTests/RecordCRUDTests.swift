import CRMClient
import CRMModel
import Foundation
import Testing

@Suite struct RecordCRUDTests {
    @Test func createGetUpdateDeleteContact() async throws {
        try await withSandbox { sandbox in
            let created = try await sandbox.create(
                .contact,
                [
                    "name": "Jane Doe",
                    "email": [["label": "Work", "value": "jane@work.example", "primary": true]],
                    "jobTitle": "Engineer",
                ])
            let id = created["id"]?.stringValue ?? ""
            #expect(id == "1")
            #expect(created["createdOn"]?.stringValue?.hasSuffix("Z") == true)
            #expect(created["tags"] == .array([]))
            #expect(created["phone"] == .array([]))
            #expect(created["note"] == .null)

            let fetched = try await sandbox.expect(200, "GET", "/directory/contacts/\(id)")
            #expect(fetched["item"]?["name"] == "Jane Doe")

            let updated = try await sandbox.expect(
                200, "PATCH", "/directory/contacts/\(id)", json: ["note": "met at conf", "jobTitle": nil])
            #expect(updated["item"]?["note"] == "met at conf")
            #expect(updated["item"]?["jobTitle"] == .null)
            #expect(updated["item"]?["name"] == "Jane Doe")
            #expect(updated["item"]?["email"]?.arrayValue?.count == 1)

            try await sandbox.expect(204, "DELETE", "/directory/contacts/\(id)")
            try await sandbox.expect(404, "GET", "/directory/contacts/\(id)")
            try await sandbox.expect(404, "DELETE", "/directory/contacts/\(id)")
        }
    }

    @Test func organizationCRUDAndList() async throws {
        try await withSandbox { sandbox in
            for name in ["Acme", "Globex", "Initech"] {
                _ = try await sandbox.create(.organization, ["name": .string(name), "address": "1 Main St"])
            }
            let page = try await sandbox.expect(
                200, "GET", "/directory/organizations", query: [("page", "2"), ("size", "2")])
            #expect(page["total"] == 3)
            #expect(page["page"] == 2)
            #expect(page["items"]?.arrayValue?.map { $0["name"] } == ["Initech"])
            let sorted = try await sandbox.expect(
                200, "GET", "/directory/organizations", query: [("orderBy", "name"), ("sort", "DESC")])
            #expect(sorted["items"]?.arrayValue?.map { $0["name"] } == ["Initech", "Globex", "Acme"])
        }
    }
}
