import CRMClient
import CRMModel
import Foundation
import Testing

/// `crmkit import` accounts for every value like `crmkit validate`: values the mapping drops
/// stop the import before anything is written, unless accepted.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct LossyImportCommandTests {
    @Test func droppedValuesStopTheImportUnlessAccepted() async throws {
        try await withCLISandbox { sandbox in
            let file = sandbox.directory.appendingPathComponent("people.csv")
            try "Name,Email,Phone\r\nAnn,ann@example.com,+1 555 010 0100\r\nBo,bo@example.com,n/a\r\n"
                .write(to: file, atomically: true, encoding: .utf8)
            let mapping = sandbox.directory.appendingPathComponent("m.yaml")
            let yaml = """
                target: contact
                fields:
                  name: Name
                  email: Email
                  phone: { from: Phone, transforms: [phone] }
                matchKeys:
                  - [email]

                """
            try yaml.write(to: mapping, atomically: true, encoding: .utf8)
            let client = try CRMClient(baseURL: sandbox.running.baseURL, apiKey: sandbox.key)
            let stopped = try await sandbox.run(["import", file.path, "--mapping", mapping.path, "--yes"])
            #expect(stopped.status == 65, "\(stopped.all)")
            #expect(
                stopped.stdout.contains(
                    "account: 2 records read, 0 rejected, 1 values altered "
                        + "or dropped (0 by the reader, 1 by the mapping)"
                ))
            #expect(stopped.stdout.contains("people.csv:3: warning: phone[0].value: dropped 'n/a': invalid_format:"))
            #expect(try await client.contacts.list().collect().isEmpty)

            let accepted = try await sandbox.run([
                "import", file.path, "--mapping", mapping.path, "--yes", "--accept-lossy",
            ])
            #expect(accepted.status == 0, "\(accepted.all)")
            let names = try await client.contacts.list().collect().compactMap(\.name)
            #expect(Set(names) == ["Ann", "Bo"])
        }
    }

    @Test func anEmptyFileImportsNothingAndExits65() async throws {
        try await withCLISandbox { sandbox in
            let file = sandbox.directory.appendingPathComponent("empty.csv")
            try "Name\r\n".write(to: file, atomically: true, encoding: .utf8)
            let mapping = sandbox.directory.appendingPathComponent("m.yaml")
            try "target: contact\nfields:\n  name: Name\n".write(to: mapping, atomically: true, encoding: .utf8)
            let result = try await sandbox.run(["import", file.path, "--mapping", mapping.path, "--yes"])
            #expect(result.status == 65, "\(result.all)")
            #expect(result.stdout.contains("error: no record was read"))
            #expect(
                !FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent(".crmkit/runs").path))
        }
    }
}
