import CRMClient
import CRMModel
import Foundation
import Testing

/// `crmkit import`, `crmkit apply` and `crmkit runs` end to end: the built binary against an
/// in-process sandbox.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ImportCommandTests {
    static func path(_ relative: String) -> String { ValidateCommandTests.path(relative) }
    static let outlook = path("samples/outlook-contacts.csv")
    static let mapping = path("mappings/outlook-contacts.yaml")

    func client(_ sandbox: CLISandbox) throws -> CRMClient {
        try CRMClient(baseURL: sandbox.running.baseURL, apiKey: sandbox.key)
    }

    @Test func badRowsAreRejectedWithReasonsWhileTheGoodOnesAreImported() async throws {
        try await withCLISandbox { sandbox in
            let result = try await sandbox.run([
                "import", Self.path("samples/bad/outlook-contacts-bad-rows.csv"), "--mapping", Self.mapping, "--yes",
                "--accept-lossy",
            ])
            #expect(result.status == 65, "\(result.all)")
            #expect(result.stdout.contains("! rejected"))
            // Without a terminal, progress comes as plain lines on stderr, the last one at 100%.
            #expect(result.stderr.contains("applied "), "\(result.stderr)")
            #expect(result.stderr.contains("(100%)"), "\(result.stderr)")
            // Four rows are kept without a bad optional value (accepted), two rejected.
            #expect(try await client(sandbox).contacts.list().collect().count == 8)
            // Run directories; the key ledger (ledger.jsonl) lives beside them.
            let runs = try FileManager.default.contentsOfDirectory(
                atPath: sandbox.directory.appendingPathComponent(".crmkit/runs").path
            )
            .filter { !$0.hasSuffix(".jsonl") }
            let errors = try String(
                contentsOfFile: sandbox.directory.appendingPathComponent(".crmkit/runs/\(runs[0])/errors.csv").path,
                encoding: .utf8)
            #expect(errors.contains("outlook-contacts-bad-rows.csv:6: error: department: 'Catering': unknown_option"))
            // The header, the two rejected rows, and the four imported without a value.
            let lines = errors.split(separator: "\r\n")
            #expect(lines.count == 7)
            #expect(lines.filter { $0.contains("imported, but dropped:") }.count == 4, "\(errors)")
        }
    }

    @Test func withoutATerminalOrYesNothingIsWritten() async throws {
        try await withCLISandbox { sandbox in
            let result = try await sandbox.run(["import", Self.outlook, "--mapping", Self.mapping])
            #expect(result.status == 64)
            #expect(result.stderr.contains("re-run with --yes"))
            let dry = try await sandbox.run(["import", Self.outlook, "--mapping", Self.mapping, "--dry-run"])
            #expect(dry.status == 0, "\(dry.all)")
            #expect(dry.stdout.contains("+ create        12 contact"))
            #expect(try await client(sandbox).contacts.list().collect().isEmpty)
        }
    }

    @Test func aMappingErrorNamesTheMappingLineAndExits64() async throws {
        try await withCLISandbox { sandbox in
            let broken = sandbox.directory.appendingPathComponent("broken.yaml")
            let yaml = """
                source: { format: csv }
                target: contact
                fields:
                  name: { template: "{{First Name}}" }
                  nmae: Company

                """
            try yaml.write(to: broken, atomically: true, encoding: .utf8)
            let result = try await sandbox.run(["import", Self.outlook, "--mapping", broken.path, "--yes"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("broken.yaml:5:"), "\(result.stderr)")
        }
    }

    @Test func aPlanFileAppliesExactlyAndIsRefusedOnceTheCRMChanged() async throws {
        try await withCLISandbox { sandbox in
            _ = try await sandbox.run(["import", Self.outlook, "--mapping", Self.mapping, "--yes"])
            let changed = sandbox.directory.appendingPathComponent("changed.csv")
            let text = try String(contentsOfFile: Self.outlook, encoding: .utf8).replacingOccurrences(
                of: "Account Manager", with: "Sales Director")
            try text.write(to: changed, atomically: true, encoding: .utf8)
            let planPath = sandbox.directory.appendingPathComponent("plan.json").path
            let planned = try await sandbox.run([
                "import", changed.path, "--mapping", Self.mapping, "--dry-run", "--plan-out", planPath,
            ])
            #expect(planned.status == 0, "\(planned.all)")
            #expect(planned.stdout.contains("jobTitle: \"Account Manager\" → \"Sales Director\""))

            // Someone edits the record the plan updates: apply refuses and names it.
            let client = try client(sandbox)
            let jane = try #require(try await client.contacts.list(ContactFilter(name: "Jane A. Doe")).collect().first)
            _ = try await client.contacts.update(try #require(jane.id), Contact(fields: ["note": "edited"]))
            let refused = try await sandbox.run(["apply", planPath, "--yes"])
            #expect(refused.status == 1)
            #expect(
                refused.stderr.contains("contact \(jane.id?.rawValue ?? "") changed since the plan"),
                "\(refused.stderr)")
            #expect(try await client.contacts.get(try #require(jane.id)).jobTitle == "Account Manager")

            let fresh = try await sandbox.run([
                "import", changed.path, "--mapping", Self.mapping, "--dry-run", "--plan-out", planPath,
            ])
            #expect(fresh.status == 0)
            let applied = try await sandbox.run(["apply", planPath, "--yes", "--json"])
            #expect(applied.status == 0, "\(applied.all)")
            // One JSON document: the plan's counts and the run.
            let document = try JSONSerialization.jsonObject(with: Data(applied.stdout.utf8)) as? [String: Any]
            #expect((document?["run"] as? [String: Any])?["status"] as? String == "complete")
            #expect(((document?["plan"] as? [String: Any])?["steps"] as? [Any])?.count == 2, "\(applied.stdout)")
            #expect(try await client.contacts.get(try #require(jane.id)).jobTitle == "Sales Director")
        }
    }

    @Test func runsListShowRetryFailedAndRollback() async throws {
        try await withCLISandbox { sandbox in
            // Make the CRM refuse one row: a form change after planning.
            let planPath = sandbox.directory.appendingPathComponent("plan.json").path
            _ = try await sandbox.run([
                "import", Self.outlook, "--mapping", Self.mapping, "--dry-run", "--plan-out", planPath,
            ])
            let client = try client(sandbox)
            var form = try await client.forms.get(.contacts)
            let index = try #require(form.firstIndex { $0.id?.rawValue == "department" })
            form[index].fields["required"] = true
            _ = try await client.forms.put(.contacts, fields: form)
            let sofia = try await sandbox.run(["apply", planPath, "--yes"])
            #expect(sofia.status == 1, "\(sofia.all)")
            #expect(sofia.stdout.contains("1 failed"))

            let root = sandbox.directory.appendingPathComponent(".crmkit/runs").path
            let run = try #require(
                try FileManager.default.contentsOfDirectory(atPath: root).first { !$0.hasSuffix(".jsonl") })
            let list = try await CLI.run(["runs", "list"], in: sandbox.directory)
            #expect(list.stdout.contains("\(run)  failures"), "\(list.all)")
            let show = try await CLI.run(["runs", "show", run], in: sandbox.directory)
            #expect(show.stdout.contains("line 12: create contact:"), "\(show.all)")

            form[index].fields["required"] = false
            _ = try await client.forms.put(.contacts, fields: form)
            let retried = try await sandbox.run(["runs", "retry-failed", run])
            #expect(retried.status == 0, "\(retried.all)")
            #expect(try await client.contacts.list().collect().count == 12)

            let rolledBack = try await sandbox.run(["runs", "rollback", run, "--yes"])
            #expect(rolledBack.status == 0, "\(rolledBack.all)")
            #expect(rolledBack.stdout.contains("deleted 12 organization, 12 contact, 3 tags"), "\(rolledBack.stdout)")
            #expect(try await client.contacts.list().collect().isEmpty)
            #expect(try await client.organizations.list().collect().isEmpty)
            let afterwards = try await CLI.run(["runs", "list"], in: sandbox.directory)
            #expect(afterwards.stdout.contains("\(run)  rolledBack"), "\(afterwards.all)")
            let success = try String(contentsOfFile: "\(root)/\(run)/success.csv", encoding: .utf8)
            #expect(success.components(separatedBy: "rolled back: deleted").count - 1 == 27, "\(success)")
            let elsewhere = try await CLI.run(
                ["runs", "rollback", run, "--yes", "--sandbox", "other.sqlite"], in: sandbox.directory)
            #expect(elsewhere.status == 64)
            #expect(
                elsewhere.stderr.contains("this plan was made against \(sandbox.running.baseURL)"),
                "\(elsewhere.stderr)")
            let unknown = try await sandbox.run(["runs", "resume", "no-such-run"])
            #expect(unknown.status == 64)
            #expect(unknown.stderr.contains("no run 'no-such-run'"))
        }
    }
}
