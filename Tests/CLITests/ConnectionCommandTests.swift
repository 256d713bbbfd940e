import Foundation
import Testing

@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ConnectionCommandTests {
    /// The key must appear in no output line, whether requests succeed, fail, or are refused.
    @Test func theAPIKeyIsNeverPrinted() async throws {
        let secret = "sk-LEAK-CANARY-\(UUID().uuidString)"
        let sandbox = try await CLISandbox.start(apiKey: secret)
        defer { Task { await sandbox.stop() } }
        var outputs: [CLI.Result] = []
        outputs.append(try await sandbox.run(["contacts", "create", "--data", #"{"name": "A"}"#, "--verbose"]))
        outputs.append(try await sandbox.run(["contacts", "list", "--verbose", "--json"]))
        outputs.append(try await sandbox.run(["contacts", "get", "999", "--verbose"]))
        outputs.append(try await sandbox.run(["contacts", "list", "--all", "--verbose"]))
        // A refused key (the right one with a suffix), given by flag and by environment.
        outputs.append(
            try await CLI.run(
                [
                    "contacts", "list", "--verbose", "--base-url", sandbox.running.baseURL, "--api-key",
                    secret + "-revoked",
                ],
                in: sandbox.directory))
        outputs.append(
            try await CLI.run(
                ["organizations", "list", "--verbose"],
                environment: [
                    "CRM_BASE_URL": sandbox.running.baseURL, "CRM_API_KEY": secret + "-x",
                    "CRM_API_KEY_SECONDARY": secret,
                ],
                in: sandbox.directory))
        #expect(outputs.map(\.status) == [0, 0, 1, 0, 1, 0])
        #expect(outputs[4].stderr.contains("HTTP 401 unauthorized"))
        #expect(outputs[5].stderr.contains("secondary key"))
        for output in outputs {
            #expect(!output.all.contains(secret), "the key leaked: \(output.all)")
            #expect(!output.all.contains("LEAK-CANARY"))
        }
        #expect(outputs[0].stderr.contains("POST /directory/contacts 201"))
    }

    @Test func withNothingConfiguredTheEmbeddedSandboxIsUsedAndAnnounced() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try await CLI.run(["contacts", "create", "--data", #"{"name": "Local"}"#], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let announcements = created.stderr.split(separator: "\n").filter { $0.contains("embedded sandbox") }
        #expect(announcements.count == 1)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(".crmkit/sandbox.sqlite").path))
        let listed = try await CLI.run(["contacts", "list", "--json"], in: directory)
        #expect(listed.stdout.contains(#""name" : "Local""#))
        let explicit = try await CLI.run(["contacts", "list", "--sandbox", "other.sqlite", "--json"], in: directory)
        #expect(explicit.status == 0)
        #expect(explicit.stdout.contains(#""total" : 0"#))
    }

    @Test func aProfileFileReadableByOthersIsRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-cli-\(UUID().uuidString)")
        let configDirectory = directory.appendingPathComponent(".config/crmkit")
        try FileManager.default.createDirectory(at: configDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = configDirectory.appendingPathComponent("config.yaml")
        try Data("profiles:\n  prod:\n    base-url: http://127.0.0.1:9\n    api-key: profile-secret-key\n".utf8).write(
            to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let refused = try await CLI.run(["contacts", "list", "--profile", "prod"], in: directory)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("chmod 600"))
        #expect(!refused.all.contains("profile-secret-key"))
    }
}
