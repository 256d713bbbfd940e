import CRMClient
import CRMModel
import CRMSandbox
import Foundation
import Testing

@Suite struct PersistenceAndConcurrencyTests {
    @Test func dataAndKeysSurviveARestart() async throws {
        let first = try await TestSandbox.start()
        let primary = try #require(first.running.primaryKey)
        let secondary = try #require(first.running.secondaryKey)
        _ = try await first.createTag(.contact, "kept")
        let contact = try await first.create(.contact, ["name": "Persisted", "tags": "kept"])
        try await first.expect(
            200, "PUT", "/directory/forms/contacts",
            json: ["fields": [["id": "kept_field", "label": "K", "type": "number"]]])
        await first.stop()

        let second = try await TestSandbox.start(databasePath: first.databasePath)
        defer { second.removeDatabase() }
        #expect(second.running.primaryKey == nil)
        #expect(second.running.secondaryKey == nil)
        for key in [primary, secondary] {
            let requester = APIRequester(baseURL: second.running.baseURL, apiKey: key)
            let response = try await requester.send("GET", "/directory/contacts/\(contact.recordIdValue)")
            #expect(response.status == 200)
            let item = try JSONDecoder().decode(ItemEnvelope<Contact>.self, from: response.body).item
            #expect(item.name == "Persisted")
            #expect(item.tags?.first?.label == "kept")
        }
        let requester = APIRequester(baseURL: second.running.baseURL, apiKey: primary)
        let rejected = try await requester.send(
            "POST", "/directory/contacts", body: Data(#"{"name":"x","customFields":{"kept_field":"abc"}}"#.utf8))
        #expect(rejected.status == 400)
        let next = try await requester.send("POST", "/directory/contacts", body: Data(#"{"name":"second"}"#.utf8))
        #expect(try JSONDecoder().decode(ItemEnvelope<Contact>.self, from: next.body).item.id == "2")
        await second.stop()
    }

    @Test func concurrentPatchesOfDifferentFieldsAreAllKept() async throws {
        try await withSandbox { sandbox in
            let id = try await sandbox.create(.contact, ["name": "Busy"])["id"]?.stringValue ?? ""
            let requester = APIRequester(
                baseURL: sandbox.running.baseURL, apiKey: sandbox.api.apiKey,
                transport: CurlTransport(options: .init(maxConcurrentRequests: 16)))
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let body = Data(#"{"customFields":{"field_\#(index)":\#(index)}}"#.utf8)
                        return try await requester.send("PATCH", "/directory/contacts/\(id)", body: body).status
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
            let final = try await sandbox.expect(200, "GET", "/directory/contacts/\(id)")
            let custom = final["item"]?["customFields"]?.objectValue ?? [:]
            #expect(custom.count == 50)
            for index in 0..<50 { #expect(custom["field_\(index)"] == .integer(Int64(index))) }
        }
    }

    @Test func concurrentCreatesGetDistinctIds() async throws {
        try await withSandbox { sandbox in
            let requester = APIRequester(
                baseURL: sandbox.running.baseURL, apiKey: sandbox.api.apiKey,
                transport: CurlTransport(options: .init(maxConcurrentRequests: 16)))
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let response = try await requester.send(
                            "POST", "/directory/contacts", body: Data(#"{"name":"C\#(index)"}"#.utf8))
                        return try JSONDecoder().decode(ItemEnvelope<Contact>.self, from: response.body).item.id?
                            .rawValue ?? ""
                    }
                }
                var ids: [String] = []
                for try await id in group { ids.append(id) }
                return ids
            }
            #expect(Set(ids).count == 40)
            let list = try await sandbox.expect(200, "GET", "/directory/contacts")
            #expect(list["total"] == 40)
        }
    }
}
