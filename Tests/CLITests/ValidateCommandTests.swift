import CRMClient
import CRMModel
import Foundation
import Testing

/// `crmkit validate` end to end: the built binary against an in-process sandbox.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ValidateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    @Test func badRowsExit65WithTheErrorsFileAndTheSummary() async throws {
        try await withCLISandbox { sandbox in
            let errors = sandbox.directory.appendingPathComponent("errors.csv").path
            let result = try await sandbox.run([
                "validate", Self.path("samples/bad/outlook-contacts-bad-rows.csv"),
                "--mapping", Self.path("mappings/outlook-contacts.yaml"), "--errors-out", errors,
            ])
            #expect(result.status == 65, "\(result.all)")
            #expect(result.stdout.contains("  valid:    8"))
            #expect(result.stdout.contains("  rejected: 2"))
            // A value only the form refuses is dropped like one the transforms cannot handle.
            #expect(
                result.stdout.contains(
                    "outlook-contacts-bad-rows.csv:6: warning: department: dropped 'Catering': unknown_option:"))
            #expect(
                result.stdout.contains(
                    "account: 10 records read, 2 rejected, 4 values altered "
                        + "or dropped (0 by the reader, 4 by the mapping)"
                ))
            #expect(
                result.stdout.contains(
                    "outlook-contacts-bad-rows.csv:8: warning: extras.birthDate: dropped '2/30/1990': invalid_format:"))
            // Two rejected rows and four kept without a value.
            let lines = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\r\n")
            #expect(lines.count == 7)
            #expect(
                lines.contains {
                    $0.contains(",line 7: dropped phone[0].value 'ed.fox@litware.example': invalid_format: phone:")
                })
            #expect(lines.first?.hasPrefix("First Name,Middle Name,Last Name,") == true)
            #expect(lines.first?.hasSuffix(",crmkit_errors") == true)
        }
    }

    @Test func jsonListsEveryProblemAndAGoodFileExitsZero() async throws {
        try await withCLISandbox { sandbox in
            let bad = try await sandbox.run([
                "validate", Self.path("samples/bad/outlook-contacts-bad-rows.csv"),
                "--mapping", Self.path("mappings/outlook-contacts.yaml"), "--json",
            ])
            #expect(bad.status == 65)
            let report = try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any]
            #expect((report?["problems"] as? [Any])?.count == 4)
            #expect(report?["rejected"] as? Int == 2)
            #expect((report?["droppedValues"] as? [Any])?.count == 4)
            let account = report?["account"] as? [String: Any]
            #expect(account?["valuesDropped"] as? Int == 4 && account?["recordsRead"] as? Int == 10)
            #expect(report?["accepted"] as? Bool == false)
            let good = try await sandbox.run([
                "validate", Self.path("samples/cases.csv"), "--mapping", Self.path("mappings/cases-csv.yaml"),
            ])
            #expect(good.status == 0, "\(good.all)")
        }
    }

    /// `--threads` changes how the work is spread, never the report; a count below one is a
    /// usage error.
    @Test func threadsGiveTheSameReport() async throws {
        try await withCLISandbox { sandbox in
            let arguments = [
                "validate", Self.path("samples/bad/outlook-contacts-bad-rows.csv"),
                "--mapping", Self.path("mappings/outlook-contacts.yaml"), "--json",
            ]
            let one = try await sandbox.run(arguments + ["--threads", "1"])
            let three = try await sandbox.run(arguments + ["--threads", "3"])
            #expect(one.status == 65 && three.status == 65)
            #expect(one.stdout == three.stdout)
            let zero = try await sandbox.run(arguments + ["--threads", "0"])
            #expect(zero.status == 64)
            #expect(zero.stderr.contains("--threads must be at least 1"), "\(zero.all)")
        }
    }

    @Test func aFormChangeChangesTheReportWithoutARestart() async throws {
        try await withCLISandbox { sandbox in
            let arguments = [
                "validate", Self.path("samples/outlook-contacts.csv"), "--mapping",
                Self.path("mappings/outlook-contacts.yaml"),
            ]
            #expect(try await sandbox.run(arguments).status == 0)
            let client = try CRMClient(baseURL: sandbox.running.baseURL, apiKey: sandbox.key)
            var form = try await client.forms.get(.contacts)
            for index in form.indices where form[index].id == "department" {
                form[index].options = form[index].options?.filter { $0.id != "finance" }
            }
            _ = try await client.forms.put(.contacts, fields: form)
            let after = try await sandbox.run(arguments)
            #expect(after.status == 65)
            #expect(
                after.stdout.contains(
                    "outlook-contacts.csv:5: warning: department: dropped 'finance': unknown_option:"),
                "\(after.stdout)")
        }
    }

    @Test func mappingErrorsExit64WithLineAndColumn() async throws {
        try await withCLISandbox { sandbox in
            let mapping = sandbox.directory.appendingPathComponent("m.yaml")
            try "target: contact\nfields:\n  name: { from: Name, transforms: [lowr] }\n".write(
                to: mapping, atomically: true, encoding: .utf8)
            let result = try await sandbox.run([
                "validate", Self.path("samples/outlook-contacts.csv"), "--mapping", mapping.path,
            ])
            #expect(result.status == 64)
            #expect(result.stderr.contains("m.yaml:3:36: error: unknown transform 'lowr'"))
            let missing = sandbox.directory.appendingPathComponent("n.yaml")
            try "target: contact\nfields:\n  name: { template: \"{{First Name}} {{Lst Name}}\" }\n".write(
                to: missing, atomically: true, encoding: .utf8)
            let columns = try await sandbox.run([
                "validate", Self.path("samples/outlook-contacts.csv"), "--mapping", missing.path,
            ])
            #expect(columns.status == 64)
            #expect(
                columns.stderr.contains(
                    "n.yaml:3:21: error: the source has no field 'Lst Name'; did you mean 'Last Name'?"))
        }
    }

    /// Values dropped or altered fail the run (65) unless accepted, by flag or by the mapping;
    /// the account says which and where.
    @Test func lossyRunsFailUnlessAccepted() async throws {
        try await withCLISandbox { sandbox in
            let file = sandbox.directory.appendingPathComponent("people.csv")
            try "Name,Email,Born\r\nAnn,ann@example.com,1/2/1990\r\nBo,bo at example,--0203\r\n".write(
                to: file, atomically: true, encoding: .utf8)
            let text =
                "target: contact\nfields:\n  name: Name\n  email: { from: Email, transforms: [email] }\n"
                + "extras:\n  born: { from: Born, transforms: [{ date: M/d/yyyy }] }\n"
            let mapping = sandbox.directory.appendingPathComponent("m.yaml")
            try text.write(to: mapping, atomically: true, encoding: .utf8)
            let arguments = ["validate", file.path, "--mapping", mapping.path]
            let lossy = try await sandbox.run(arguments)
            #expect(lossy.status == 65, "\(lossy.all)")
            #expect(lossy.stdout.contains("  rejected: 0"))
            #expect(
                lossy.stdout.contains(
                    "account: 2 records read, 0 rejected, 2 values altered "
                        + "or dropped (0 by the reader, 2 by the mapping)"
                ))
            #expect(
                lossy.stdout.contains("people.csv:3: warning: email[0].value: dropped 'bo at example': invalid_format:")
            )
            #expect(lossy.stdout.contains("people.csv:3: warning: extras.born: dropped '--0203': invalid_format:"))
            #expect(lossy.stdout.contains("--accept-lossy"))

            let accepted = try await sandbox.run(arguments + ["--accept-lossy"])
            #expect(accepted.status == 0, "\(accepted.all)")
            #expect(accepted.stdout.contains("accepted: altered and dropped values do not fail this run"))

            let acceptingMapping = sandbox.directory.appendingPathComponent("accepting.yaml")
            try (text + "defaults: { acceptLossy: true }\n").write(
                to: acceptingMapping, atomically: true, encoding: .utf8)
            let byMapping = try await sandbox.run(["validate", file.path, "--mapping", acceptingMapping.path])
            #expect(byMapping.status == 0, "\(byMapping.all)")
        }
    }

    /// A file holding no record fails the run with what to check.
    @Test func noRecordReadExits65() async throws {
        try await withCLISandbox { sandbox in
            let file = sandbox.directory.appendingPathComponent("empty.csv")
            try "Name,Email\r\n".write(to: file, atomically: true, encoding: .utf8)
            let mapping = sandbox.directory.appendingPathComponent("m.yaml")
            try "target: contact\nfields:\n  name: Name\n".write(to: mapping, atomically: true, encoding: .utf8)
            let result = try await sandbox.run(["validate", file.path, "--mapping", mapping.path, "--accept-lossy"])
            #expect(result.status == 65, "\(result.all)")
            #expect(result.stdout.contains("error: no record was read"))
        }
    }
}
