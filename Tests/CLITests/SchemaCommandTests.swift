import Foundation
import Testing

/// pipelines, forms, tags, case-types and bulk-delete through the binary.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct SchemaCommandTests {
    @Test func pipelinesListAndGet() async throws {
        try await withCLISandbox { sandbox in
            let list = try await sandbox.json(["pipelines", "list"])
            let pipelines = try #require(list["items"] as? [[String: Any]])
            let id = try #require(pipelines.first?["id"] as? String)
            let table = try await sandbox.run(["pipelines", "get", id])
            #expect(table.status == 0)
            #expect(table.stdout.contains("Sales Pipeline"))
            #expect(table.stdout.contains("Qualified"))
        }
    }

    @Test func formsGetAndPut() async throws {
        try await withCLISandbox { sandbox in
            let form = try await sandbox.json(["forms", "get", "contacts"])
            let fields = try #require(form["items"] as? [[String: Any]])
            #expect(fields.contains { $0["id"] as? String == "name" })
            let put = try await sandbox.json([
                "forms", "put", "organizations", "--data",
                #"{"fields": [{"id": "vat_number", "label": "VAT", "type": "text", "category": "custom"}]}"#, "--yes",
            ])
            #expect((put["items"] as? [[String: Any]])?.contains { $0["id"] as? String == "vat_number" } == true)
            let unknownForm = try await sandbox.run(["forms", "get", "cases"])
            #expect(unknownForm.status == 64)
        }
    }

    @Test func tagsCreateListUpdateDelete() async throws {
        try await withCLISandbox { sandbox in
            let tag = try await sandbox.json(["tags", "create", "cases", "--label", "billing", "--color", "#4b0082"])
            let id = try #require(tag["id"] as? String)
            let listed = try await sandbox.run(["tags", "list", "cases"])
            #expect(listed.stdout.contains("billing"))
            #expect(
                try await sandbox.json(["tags", "update", "cases", id, "--label", "invoicing"])["label"] as? String
                    == "invoicing")
            let deleted = try await sandbox.run(["tags", "delete", "cases", id, "--yes"])
            #expect(deleted.stdout == "Deleted cases tag \(id).\n")
            #expect(try await sandbox.run(["tags", "list", "cases"]).stdout == "No cases tags.\n")
            #expect(try await sandbox.run(["tags", "list", "widgets"]).status == 64)
        }
    }

    @Test func caseTypesLifecycle() async throws {
        try await withCLISandbox { sandbox in
            let created = try await sandbox.json(["case-types", "create", "--data", #"{"label": "Feature Request"}"#])
            let id = try #require(created["id"] as? String)
            #expect(try await sandbox.run(["case-types", "list"]).stdout.contains("Feature Request"))
            #expect(
                try await sandbox.json(["case-types", "update", id, "--data", #"{"label": "Idea"}"#])["label"]
                    as? String == "Idea")
            #expect(try await sandbox.json(["case-types", "get", id])["label"] as? String == "Idea")
            #expect(try await sandbox.run(["case-types", "delete", id, "--yes"]).status == 0)
            #expect(try await sandbox.run(["case-types", "get", id]).status == 1)
        }
    }

    @Test func bulkDeleteReportsDeletedAndMissing() async throws {
        try await withCLISandbox { sandbox in
            var ids: [String] = []
            for name in ["a", "b"] {
                ids.append(
                    try #require(
                        try await sandbox.json(["contacts", "create", "--data", #"{"name": "\#(name)"}"#])["id"]
                            as? String))
            }
            let idList = (ids + ["404"]).joined(separator: ",")
            let refused = try await sandbox.run(["bulk-delete", "contacts", "--ids", idList])
            #expect(refused.status == 64, "no terminal and no --yes: nothing is deleted")
            #expect(refused.stderr.contains("no terminal to confirm on; re-run with --yes"))
            #expect(try await sandbox.json(["contacts", "list"])["total"] as? Int == 2)
            let result = try await sandbox.run(["bulk-delete", "contacts", "--ids", idList, "--yes"])
            #expect(result.status == 0)
            #expect(result.stdout == "Deleted 2 contacts: \(ids.joined(separator: ", "))\nNot found: 404\n")
            #expect(try await sandbox.json(["contacts", "list"])["total"] as? Int == 0)
        }
    }
}
