import Foundation
import Testing

@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct RecordCommandTests {
    @Test func contactsCreateGetUpdateListMergeDelete() async throws {
        try await withCLISandbox { sandbox in
            let jane = try await sandbox.json([
                "contacts", "create", "--data", #"{"name": "Jane Doe", "email": [{"value": "jane@acme.com"}]}"#,
            ])
            let janeId = try #require(jane["id"] as? String)
            let janeTwin = try await sandbox.json([
                "contacts", "create", "--data", #"{"name": "Jane D.", "jobTitle": "CTO"}"#,
            ])
            let twinId = try #require(janeTwin["id"] as? String)
            #expect(try await sandbox.json(["contacts", "get", janeId])["name"] as? String == "Jane Doe")
            let updated = try await sandbox.json([
                "contacts", "update", janeId, "--data", #"{"department": "engineering"}"#,
            ])
            #expect(updated["department"] as? String == "engineering")

            let page = try await sandbox.json(["contacts", "list", "--email", "acme.com"])
            #expect((page["items"] as? [Any])?.count == 1)
            #expect(page["total"] as? Int == 1)

            let table = try await sandbox.run(["contacts", "list", "--name", "jane"])
            #expect(table.status == 0)
            #expect(table.stdout.hasPrefix("ID  NAME"))
            #expect(table.stdout.contains("jane@acme.com"))
            #expect(!table.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")

            let merged = try await sandbox.json(["contacts", "merge", janeId, "--source", twinId, "--yes"])
            #expect(merged["jobTitle"] as? String == "CTO")
            #expect(try await sandbox.run(["contacts", "get", twinId]).status == 1)

            #expect(
                try await sandbox.run(["contacts", "delete", janeId]).status == 64,
                "deleting needs --yes without a terminal")
            let deleted = try await sandbox.run(["contacts", "delete", janeId, "--yes"])
            #expect(deleted.status == 0)
            #expect(deleted.stdout == "Deleted contact \(janeId).\n")
            let missing = try await sandbox.run(["contacts", "get", janeId])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("error: GET /directory/contacts/\(janeId): HTTP 404 not_found"))
        }
    }

    @Test func listAllStreamsNDJSONAcrossPages() async throws {
        try await withCLISandbox { sandbox in
            for index in 1...12 {
                _ = try await sandbox.json(["organizations", "create", "--data", #"{"name": "Org \#(index)"}"#])
            }
            let result = try await sandbox.run(["organizations", "list", "--all", "--size", "5", "--json", "--verbose"])
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 12)
            let names = try lines.map { line -> String in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["name"] as? String ?? ""
            }
            #expect(Set(names).count == 12)
            let requestLines = result.stderr.split(separator: "\n").filter {
                $0.hasPrefix("GET /directory/organizations")
            }
            #expect(requestLines.count == 3)
            #expect(requestLines.allSatisfy { $0.contains(" 200 ") && $0.hasSuffix("ms") })
        }
    }

    @Test func leadsOpportunitiesAndCasesVerbs() async throws {
        try await withCLISandbox { sandbox in
            let lead = try await sandbox.json(["leads", "create", "--data", #"{"title": "Cloud Migration"}"#])
            let leadId = try #require(lead["id"] as? String)
            #expect(try await sandbox.json(["leads", "list", "--title", "cloud"])["total"] as? Int == 1)
            #expect(try await sandbox.json(["leads", "archive", leadId])["isArchived"] as? Bool == true)
            #expect(try await sandbox.json(["leads", "list", "--archived", "true"])["total"] as? Int == 1)
            #expect(try await sandbox.json(["leads", "unarchive", leadId])["isArchived"] as? Bool == false)
            let converted = try await sandbox.json(["leads", "convert", leadId])
            #expect(converted["title"] as? String == "Cloud Migration")

            let opportunity = try await sandbox.json(["opportunities", "create", "--data", #"{"title": "Deal"}"#])
            let opportunityId = try #require(opportunity["id"] as? String)
            #expect(opportunity["status"] as? String == "open")
            #expect(try await sandbox.json(["opportunities", "get", opportunityId])["title"] as? String == "Deal")
            let lost = try await sandbox.json([
                "opportunities", "set-status", opportunityId, "lost", "--reason", "too_expensive", "--comment", "rival",
            ])
            #expect(lost["status"] as? String == "lost")
            #expect((lost["lostReason"] as? [String: Any])?["reasonId"] as? String == "too_expensive")
            let staged = try await sandbox.json(["opportunities", "set-stage", opportunityId, "Proposal"])
            #expect(staged["stage"] as? String == "9151e995-d3e5-4c8b-bda1-c18df07e0cf6")
            let wrongReason = try await sandbox.run([
                "opportunities", "set-status", opportunityId, "won", "--reason", "x",
            ])
            #expect(wrongReason.status == 64)

            let created = try await sandbox.json(["cases", "create", "--data", #"{"title": "Outage"}"#])
            #expect(created["title"] as? String == "Outage")
            #expect(try await sandbox.json(["cases", "list", "--title", "outage"])["total"] as? Int == 1)
        }
    }

    @Test func usageAndInputErrorsExit64() async throws {
        try await withCLISandbox { sandbox in
            let badPage = try await sandbox.run(["contacts", "list", "--page", "0"])
            #expect(badPage.status == 64)
            let badJSON = try await sandbox.run(["contacts", "create", "--data", "{name:"])
            #expect(badJSON.status == 64)
            #expect(badJSON.stderr.contains("--data:1:2: error: not valid JSON"))
            let conflicting = try await sandbox.run(["contacts", "list", "--sandbox", "x.sqlite"])
            #expect(conflicting.status == 64)
            #expect(conflicting.stderr.contains("--sandbox and --base-url"))
        }
    }
}
