import Foundation
import Testing

/// `crmkit dedupe apply` against an in-process sandbox: scan, apply, and what the CRM then holds.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct DedupeApplyCommandTests {
    /// Two people entered twice each, plus one entered once; answers the ids by person.
    static func seed(_ sandbox: CLISandbox) async throws -> [String: [String]] {
        let rows = [
            (
                "jane",
                #"{"name": "Jane Doe", "email": [{"value": "jane.doe@acme.example"}], "#
                    + #""phone": [{"value": "+1 202 555 0142"}], "jobTitle": "CTO"}"#
            ),
            (
                "jane",
                #"{"name": "Jane Doe", "email": [{"value": "Jane.Doe@acme.example"}, "#
                    + #"{"value": "jdoe@home.example"}], "phone": [{"value": "(202) 555-0199"}]}"#
            ),
            (
                "max",
                #"{"name": "Max Mustermann", "email": [{"value": "max@muster.example"}], "#
                    + #""phone": [{"value": "+49 30 1234567"}]}"#
            ),
            (
                "max",
                #"{"name": "Max Mustermann", "email": [{"value": "max.m@privat.example"}], "#
                    + #""phone": [{"value": "+49 30 1234567"}]}"#
            ),
            ("walter", #"{"name": "Walter Bishop", "email": [{"value": "walter@fringe.example"}]}"#),
        ]
        var ids: [String: [String]] = [:]
        for (person, data) in rows {
            let created = try await sandbox.json(["contacts", "create", "--data", data])
            ids[person, default: []].append(try #require(created["id"].map { "\($0)" }))
        }
        return ids
    }

    static func contacts(_ sandbox: CLISandbox) async throws -> [[String: Any]] {
        let page = try await sandbox.json(["contacts", "list", "--size", "100"])
        return page["items"] as? [[String: Any]] ?? []
    }

    static func values(_ record: [String: Any], _ key: String) -> Set<String> {
        Set((record[key] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String })
    }

    @Test func applyLeavesOneRecordPerPersonWithTheUnionAndABackup() async throws {
        try await withCLISandbox { sandbox in
            let ids = try await Self.seed(sandbox)
            let scan = try await sandbox.run(["dedupe", "contacts", "--out", "merges.yaml"])
            #expect(scan.stdout.contains("2 group(s)"), "\(scan.all)")

            let refused = try await sandbox.run(["dedupe", "apply", "merges.yaml"])
            #expect(refused.status == 64)
            #expect(refused.stderr.contains("re-run with --yes"), "\(refused.all)")
            #expect(try await Self.contacts(sandbox).count == 5)

            let applied = try await sandbox.run(["dedupe", "apply", "merges.yaml", "--yes"])
            #expect(applied.status == 0, "\(applied.all)")
            #expect(applied.stdout.contains("2 group(s) merged, 0 already done, 0 refused"), "\(applied.stdout)")

            let remaining = try await Self.contacts(sandbox)
            #expect(remaining.count == 3)
            let jane = try #require(remaining.first { ($0["name"] as? String) == "Jane Doe" })
            #expect(
                Self.values(jane, "email").isSuperset(of: ["jane.doe@acme.example", "jdoe@home.example"]), "\(jane)")
            #expect(Self.values(jane, "phone") == ["+1 202 555 0142", "(202) 555-0199"], "\(jane)")
            let max = try #require(remaining.first { ($0["name"] as? String) == "Max Mustermann" })
            #expect(Self.values(max, "email") == ["max@muster.example", "max.m@privat.example"], "\(max)")

            let runs = try FileManager.default.contentsOfDirectory(
                atPath: sandbox.directory.appendingPathComponent(".crmkit/merges").path)
            let run = try #require(runs.first)
            let backup = try String(
                contentsOf: sandbox.directory.appendingPathComponent(".crmkit/merges/\(run)/backup.jsonl"),
                encoding: .utf8)
            let backedUp = backup.split(separator: "\n").compactMap { line -> String? in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return ((object?["record"] as? [String: Any])?["id"]).map { "\($0)" }
            }
            #expect(Set(backedUp) == Set((ids["jane"] ?? []) + (ids["max"] ?? [])))
            #expect(backedUp.count == 4)

            let again = try await sandbox.run(["dedupe", "apply", "merges.yaml", "--yes"])
            #expect(again.status == 0, "\(again.all)")
            #expect(again.stdout.contains("0 group(s) merged, 2 already done"), "\(again.stdout)")
            let resumed = try await sandbox.run(["dedupe", "apply", "merges.yaml", "--yes", "--resume", run])
            #expect(resumed.stdout.contains("0 group(s) merged, 2 already done"), "\(resumed.all)")
            #expect(try await Self.contacts(sandbox).count == 3)
        }
    }

    @Test func aDroppedGroupIsLeftAlone() async throws {
        try await withCLISandbox { sandbox in
            let ids = try await Self.seed(sandbox)
            _ = try await sandbox.run(["dedupe", "contacts", "--out", "merges.yaml"])
            let url = sandbox.directory.appendingPathComponent("merges.yaml")
            let plan = try String(contentsOf: url, encoding: .utf8)
            // Keep the header and the first group only.
            let parts = plan.components(separatedBy: "\n  - group: ")
            try #require(parts.count == 3)
            try (parts[0] + "\n  - group: " + parts[1]).write(to: url, atomically: true, encoding: .utf8)
            let kept = parts[1].contains("\"\(ids["jane"]?[0] ?? "-")\"") ? "jane" : "max"
            let dropped = kept == "jane" ? "max" : "jane"

            let applied = try await sandbox.run(["dedupe", "apply", "merges.yaml", "--yes"])
            #expect(applied.status == 0, "\(applied.all)")
            #expect(applied.stdout.contains("1 group(s) merged"), "\(applied.stdout)")
            let remaining = Set(try await Self.contacts(sandbox).compactMap { $0["id"].map { "\($0)" } })
            #expect(remaining.count == 4)
            #expect(remaining.isSuperset(of: ids[dropped] ?? ["missing"]))
        }
    }

    @Test func aPlanErrorNamesFileLineAndColumn() async throws {
        try await withCLISandbox { sandbox in
            let plan = """
                version: 1
                entity: "contacts"
                records: 2
                threshold: 0.95
                groups:
                  - group: 1
                    survivor: "99"
                    survivorRule: "mostComplete"
                    members:
                      - id: "1"
                        emails: []
                        phones: []
                      - id: "2"
                        emails: []
                        phones: []
                    fields: []
                    pairs: []

                """
            try plan.write(to: sandbox.directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
            let result = try await sandbox.run(["dedupe", "apply", "bad.yaml", "--yes"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("bad.yaml:7:"), "\(result.stderr)")
            #expect(result.stderr.contains("survivor \"99\" is not one of its members"), "\(result.stderr)")

            try "version: 1\nentity: [\n".write(
                to: sandbox.directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
            let broken = try await sandbox.run(["dedupe", "apply", "broken.yaml", "--yes"])
            #expect(broken.status == 64)
            #expect(broken.stderr.contains("broken.yaml:"), "\(broken.stderr)")
        }
    }
}
