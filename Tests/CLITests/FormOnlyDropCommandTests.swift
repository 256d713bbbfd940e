import CRMClient
import CRMModel
import Foundation
import Testing

/// `crmkit import`: a value only the live form refuses (an option the select field does not
/// have) is dropped by the mapping's policy like any other, so it stops the import (exit 65)
/// until accepted, and the accepted import keeps the record without it.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct FormOnlyDropCommandTests {
    @Test func anUnknownSelectOptionStopsTheImportUntilAccepted() async throws {
        try await withCLISandbox { sandbox in
            let file = sandbox.directory.appendingPathComponent("people.csv")
            try "Name,Department\r\nAnn,sales\r\nBo,Astrology\r\n".write(to: file, atomically: true, encoding: .utf8)
            let mapping = sandbox.directory.appendingPathComponent("m.yaml")
            try "target: contact\nfields:\n  name: Name\n  department: Department\nmatchKeys:\n  - [name]\n"
                .write(to: mapping, atomically: true, encoding: .utf8)
            let client = try CRMClient(baseURL: sandbox.running.baseURL, apiKey: sandbox.key)
            let stopped = try await sandbox.run(["import", file.path, "--mapping", mapping.path, "--yes"])
            #expect(stopped.status == 65, "\(stopped.all)")
            #expect(
                stopped.stdout.contains(
                    "account: 2 records read, 0 rejected, 1 values altered "
                        + "or dropped (0 by the reader, 1 by the mapping)"
                ), "\(stopped.stdout)")
            #expect(
                stopped.stdout.contains("people.csv:3: warning: department: dropped 'Astrology': unknown_option:"),
                "\(stopped.stdout)")
            #expect(try await client.contacts.list().collect().isEmpty)

            let accepted = try await sandbox.run([
                "import", file.path, "--mapping", mapping.path, "--yes", "--accept-lossy",
            ])
            #expect(accepted.status == 0, "\(accepted.all)")
            let contacts = try await client.contacts.list().collect()
            #expect(Set(contacts.compactMap(\.name)) == ["Ann", "Bo"])
        }
    }
}
