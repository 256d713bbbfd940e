import Foundation
import Testing

/// `crmkit dedupe contacts|organizations` against an in-process sandbox with planted duplicates.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct DedupeScanCommandTests {
    @Test func contactsPlanGroupsTheDuplicatesWithSurvivorFieldsAndReasons() async throws {
        try await withCLISandbox { sandbox in
            let jane = try await sandbox.json([
                "contacts", "create", "--data",
                #"{"name": "Jane Doe", "email": [{"value": "jane.doe@acme.example"}], "#
                    + #""phone": [{"value": "+1 202 555 0142"}], "jobTitle": "CTO"}"#,
            ])
            let twin = try await sandbox.json([
                "contacts", "create", "--data",
                #"{"name": "Jane Doe", "email": [{"value": "Jane.Doe@acme.example"}, "#
                    + #"{"value": "jdoe@home.example"}], "phone": [{"value": "(202) 555-0199"}]}"#,
            ])
            let other = try await sandbox.json([
                "contacts", "create", "--data",
                #"{"name": "Walter Bishop", "email": [{"value": "walter@fringe.example"}]}"#,
            ])
            let janeId = try #require(jane["id"].map { "\($0)" })
            let twinId = try #require(twin["id"].map { "\($0)" })
            let otherId = try #require(other["id"].map { "\($0)" })

            let result = try await sandbox.run(["dedupe", "contacts", "--out", "merges.yaml"])
            #expect(result.status == 0, "\(result.all)")
            #expect(
                result.stdout.contains("3 contacts read, 1 group(s) of duplicates (2 records) written to merges.yaml"),
                "\(result.stdout)")
            let plan = try String(contentsOf: sandbox.directory.appendingPathComponent("merges.yaml"), encoding: .utf8)
            #expect(plan.contains("entity: \"contacts\""))
            #expect(plan.contains("  - group: 1\n    band: \"link\"\n    survivor: \"\(janeId)\""), "\(plan)")
            #expect(plan.contains("jobTitle: \"CTO\""), "\(plan)")
            #expect(plan.contains("createdOn: \""), "\(plan)")
            #expect(plan.contains("      - id: \"\(twinId)\""))
            #expect(!plan.contains("\"\(otherId)\""))
            #expect(plan.contains("      - field: \"emails\"\n        rule: \"union\""), "\(plan)")
            #expect(plan.contains("jdoe@home.example"))
            #expect(plan.contains("      - records: [\"\(janeId)\", \"\(twinId)\"]"))
            #expect(plan.contains("        evidenceFor:\n          - \"givenName: "), "\(plan)")
            #expect(plan.contains("          - \"email: "), "\(plan)")
        }
    }

    @Test func organizationsWithoutDuplicatesWriteAnEmptyPlan() async throws {
        try await withCLISandbox { sandbox in
            _ = try await sandbox.json(["organizations", "create", "--data", #"{"name": "Initech"}"#])
            _ = try await sandbox.json(["organizations", "create", "--data", #"{"name": "Umbrella Corporation"}"#])
            let result = try await sandbox.run(["dedupe", "organizations", "--out", "orgs.yaml", "--json"])
            #expect(result.status == 0, "\(result.all)")
            #expect(result.stdout.contains("\"groups\" : 0"), "\(result.stdout)")
            let plan = try String(contentsOf: sandbox.directory.appendingPathComponent("orgs.yaml"), encoding: .utf8)
            #expect(plan.contains("groups: []"))
        }
    }
}
