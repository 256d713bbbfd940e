import CRMClient
import Foundation
import Testing

/// A plan of several hundred rows through the commands that read plans: written by
/// `import --plan-out`, applied, shown by `runs show`, rolled back. Such a plan's step bodies
/// wait in a spill file while it is made and while it is applied; what the commands show and do
/// is what the rows say.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ImportPlanFileCommandTests {
    static let mapping = ValidateCommandTests.path("mappings/sample-contacts.yaml")

    /// 300 people of 20 companies, then three rows repeating earlier ones.
    static func people(in directory: URL) throws -> String {
        var lines = [
            "First Name,Last Name,Email,Phone,Mobile,Company,Title,Street,City,Postal Code,Country,Notes,Email 2"
        ]
        for index in 0..<300 {
            lines.append(
                "Given\(index),Family\(index),person\(index)@example.com,,,Company \(index % 20),Title \(index),,,,,,")
        }
        lines.append("Given0,Family0,person0@example.com,,,Company 0,Director,,,,,,")
        lines.append("Given5,Family5,person5@example.com,,,Company 5,Title 5,,,,,called back,")
        lines.append("Given6,Family6,person6@example.com,,,Company 6,Title 6,,,,,called back,")
        let url = directory.appendingPathComponent("people.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func aPlanOfSeveralHundredRowsIsShownAppliedAndRolledBack() async throws {
        try await withCLISandbox { sandbox in
            let file = try Self.people(in: sandbox.directory)
            let planPath = sandbox.directory.appendingPathComponent("plan.json").path
            let planned = try await sandbox.run([
                "import", file, "--mapping", Self.mapping, "--dry-run", "--plan-out", planPath,
            ])
            #expect(planned.status == 0, "\(planned.all)")
            #expect(planned.stdout.contains("+ create       300 contact"), "\(planned.stdout)")
            #expect(planned.stdout.contains("+ create        20 organization"), "\(planned.stdout)")

            let applied = try await sandbox.run(["apply", planPath, "--yes"])
            #expect(applied.status == 0, "\(applied.all)")
            #expect(applied.stdout.contains("323 of 323 steps done, 0 failed"), "\(applied.stdout)")
            let client = try CRMClient(baseURL: sandbox.running.baseURL, apiKey: sandbox.key)
            let contacts = try await client.contacts.list().collect()
            #expect(contacts.count == 300)
            #expect(contacts.first { $0.name == "Given0 Family0" }?.jobTitle == "Director")
            #expect(contacts.first { $0.name == "Given6 Family6" }?.fields["note"]?.stringValue == "called back")

            let root = sandbox.directory.appendingPathComponent(".crmkit/runs").path
            let run = try #require(
                try FileManager.default.contentsOfDirectory(atPath: root).first { !$0.hasSuffix(".jsonl") })
            let show = try await CLI.run(["runs", "show", run], in: sandbox.directory)
            #expect(show.status == 0, "\(show.all)")
            for line in [
                "status: complete; 323/323 steps done, 0 failed", "create organization: 20", "create contact: 300",
                "skip contact: 3",
            ] {
                #expect(show.stdout.contains(line), "\(show.stdout)")
            }

            let rolledBack = try await sandbox.run(["runs", "rollback", run, "--yes"])
            #expect(rolledBack.status == 0, "\(rolledBack.all)")
            #expect(rolledBack.stdout.contains("deleted 20 organization, 300 contact"), "\(rolledBack.stdout)")
            #expect(try await client.contacts.list().collect().isEmpty)
        }
    }
}
