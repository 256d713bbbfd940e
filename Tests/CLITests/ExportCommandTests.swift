import Foundation
import Testing

/// `crmkit export` as a user runs it: the files it writes, its summary, its usage errors.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ExportCommandTests {
    @Test func exportsEveryFormatAndExplainsUsageErrors() async throws {
        try await withCLISandbox { sandbox in
            for index in 0..<3 {
                _ = try await sandbox.json([
                    "contacts", "create", "--data",
                    #"{"name": "Person \#(index)", "email": [{"label": "Work", "value": "p\#(index)@example.com"}]}"#,
                ])
            }
            let summary = try await sandbox.json(["export", "contacts", "--format", "jsonl", "--page-size", "2"])
            let files = try #require(summary["files"] as? [[String: Any]])
            #expect(files.first?["records"] as? Int == 3)
            let jsonl = try String(
                contentsOf: sandbox.directory.appendingPathComponent("contacts.jsonl"), encoding: .utf8)
            #expect(jsonl.split(separator: "\n").count == 3)

            let csv = try await sandbox.run(["export", "contacts"])
            #expect(csv.status == 0, "\(csv.stderr)")
            #expect(csv.stdout.contains("3 contacts → "))
            #expect(
                FileManager.default.fileExists(
                    atPath: sandbox.directory.appendingPathComponent("contacts.mapping.yaml").path))

            let vcard = try await sandbox.run([
                "export", "contacts", "--format", "vcard", "--vcard-version", "3.0", "--out", "people.vcf",
            ])
            #expect(vcard.status == 0, "\(vcard.stderr)")
            let cards = try String(contentsOf: sandbox.directory.appendingPathComponent("people.vcf"), encoding: .utf8)
            #expect(cards.components(separatedBy: "VERSION:3.0\r\n").count == 4)

            let all = try await sandbox.run(["export", "all", "--format", "xml", "--out", "backup"])
            #expect(all.status == 0, "\(all.stderr)")
            #expect(
                FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("backup/data.xml").path)
            )

            let badFilter = try await sandbox.run(["export", "organizations", "--filter", "email=x"])
            #expect(badFilter.status == 64)
            #expect(badFilter.stderr.contains("organizations cannot be filtered by it; use one of name, address, tags"))

            let vcardOfLeads = try await sandbox.run(["export", "leads", "--format", "vcard"])
            #expect(vcardOfLeads.status == 64)
            #expect(vcardOfLeads.stderr.contains("vcard holds contacts only"))

            let unknown = try await sandbox.run(["export", "people"])
            #expect(unknown.status == 64)

            // A mapping of another entity, or one that cannot be read, is configuration: 64, named.
            let organizationsMapping = ValidateCommandTests.path("mappings/hubspot-companies.yaml")
            let wrongEntity = try await sandbox.run(["export", "contacts", "--mapping", organizationsMapping])
            #expect(wrongEntity.status == 64)
            #expect(wrongEntity.stderr.contains("\(organizationsMapping): error: it reads csv into organizations"))
            let missingMapping = try await sandbox.run(["export", "contacts", "--mapping", "nowhere.yaml"])
            #expect(missingMapping.status == 64)
            #expect(missingMapping.stderr.contains("nowhere.yaml"))
        }
    }
}
