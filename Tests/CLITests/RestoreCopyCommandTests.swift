import Foundation
import Testing

/// `crmkit restore` and `crmkit copy` as a user runs them, on embedded sandboxes.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct RestoreCopyCommandTests {
    @Test func restoreAsksRefusesANonEmptyCRMAndCopyWritesNothingTheSecondTime() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func crmkit(_ arguments: [String]) async throws -> CLI.Result { try await CLI.run(arguments, in: directory) }

        let organization = try await crmkit([
            "organizations", "create", "--data", #"{"name": "Acme"}"#, "--sandbox", "a.sqlite", "--json",
        ])
        #expect(organization.status == 0, "\(organization.stderr)")
        let id = try #require(
            (try JSONSerialization.jsonObject(with: Data(organization.stdout.utf8)) as? [String: Any])?["id"] as? String
        )
        let contact = try await crmkit([
            "contacts", "create", "--data", #"{"name": "Jane Doe", "organizationId": "\#(id)"}"#, "--sandbox",
            "a.sqlite",
        ])
        #expect(contact.status == 0, "\(contact.stderr)")
        let backup = try await crmkit(["backup", "--out", "bk", "--sandbox", "a.sqlite"])
        #expect(backup.status == 0, "\(backup.stderr)")

        let unconfirmed = try await crmkit(["restore", "bk", "--sandbox", "b.sqlite"])
        #expect(unconfirmed.status == 64, "\(unconfirmed.all)")
        let restored = try await crmkit(["restore", "bk", "--sandbox", "b.sqlite", "--yes"])
        #expect(restored.status == 0, "\(restored.all)")
        #expect(restored.stdout.contains("2 of 2 records restored"))
        let again = try await crmkit(["restore", "bk", "--sandbox", "b.sqlite", "--yes"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("not empty") && again.stderr.contains("--into-nonempty"), "\(again.stderr)")

        let config = directory.appendingPathComponent(".config/crmkit")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let file = config.appendingPathComponent("config.yaml")
        let profiles =
            """
            profiles:
              staging:
                sandbox: \(directory.path)/a.sqlite
              production:
                sandbox: \(directory.path)/c.sqlite

            """
        try profiles.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let copied = try await crmkit(["copy", "--from", "staging", "--to", "production", "--yes"])
        #expect(copied.status == 0, "\(copied.all)")
        #expect(copied.stdout.contains("2 of 2 steps done"), "\(copied.stdout)")
        let second = try await crmkit(["copy", "--from", "staging", "--to", "production", "--yes"])
        #expect(second.status == 0, "\(second.all)")
        #expect(second.stdout.contains("Nothing to copy"), "\(second.stdout)")
        let same = try await crmkit(["copy", "--from", "staging", "--to", "staging"])
        #expect(same.status == 64)
    }
}
