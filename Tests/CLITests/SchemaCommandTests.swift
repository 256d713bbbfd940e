import Foundation
import Testing

/// `crmkit schema …` as a user runs it: the built binary, an embedded sandbox file, exit codes.
@Suite final class SchemaCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-schema-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var schemaDir: String { folder.appendingPathComponent("crm-schema").path }
    var sandboxFile: String { folder.appendingPathComponent("sandbox.sqlite").path }

    /// Runs the `crmkit` built next to the test bundle; output goes through files, not pipes,
    /// so a large output cannot block the child.
    func crmkit(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("crmkit")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the crmkit product first (swift build)")
        let out = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        for key in ["CRM_BASE_URL", "CRM_API_KEY", "CRMKIT_SANDBOX", "CRMKIT_PROFILE"] { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Run(
            status: status, stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
    }

    func schema(_ subcommand: String, _ arguments: [String] = []) async throws -> Run {
        try await crmkit(["schema", subcommand, "--dir", schemaDir] + arguments + (subcommand == "lint" ? [] : ["--sandbox", sandboxFile]))
    }

    @Test func planExitCodesFollowDetailedExitcode() async throws {
        #expect(try await schema("pull").status == 0)
        let clean = try await schema("plan", ["--detailed-exitcode"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "No changes. The CRM matches the files.\n")

        let tags = folder.appendingPathComponent("crm-schema/tags/leads.yaml")
        try Data("entity: leads\ntags:\n- {label: hot, color: '#f00'}\n".utf8).write(to: tags)
        let changed = try await schema("plan", ["--detailed-exitcode", "--out", folder.appendingPathComponent("plan.json").path])
        #expect(changed.status == 2)
        #expect(changed.stdout.contains("  + tag.leads[\"hot\"]\n"))
        #expect(!changed.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(try await schema("plan").status == 0, "without --detailed-exitcode changes are not an error")

        let json = try await schema("plan", ["--json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((document?["changes"] as? [Any])?.count == 1)

        let applied = try await schema("apply", [folder.appendingPathComponent("plan.json").path])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try await schema("plan", ["--detailed-exitcode"]).status == 0)
    }

    @Test func applyWithoutAPlanNeedsYesWhenThereIsNoTerminal() async throws {
        #expect(try await schema("pull").status == 0)
        let tags = folder.appendingPathComponent("crm-schema/tags/cases.yaml")
        try Data("entity: cases\ntags:\n- {label: billing}\n".utf8).write(to: tags)
        let refused = try await schema("apply")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--yes"))
        let applied = try await schema("apply", ["--yes"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("+ tag.cases[\"billing\"]: done"))
    }

    @Test func lintPrintsCompilerStyleFindingsAndFails() async throws {
        let tags = folder.appendingPathComponent("crm-schema/tags/leads.yaml")
        try FileManager.default.createDirectory(at: tags.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("entity: leads\ntags:\n- {label: hot, color: red}\n".utf8).write(to: tags)
        let run = try await schema("lint")
        #expect(run.status == 1)
        #expect(run.stdout == "\(schemaDir)/tags/leads.yaml:3:23: error: tag 'hot' colour 'red' is not #rgb or #rrggbb hex; write it like '#1e88e5' (quoted)\n")
        try Data("entity: leads\ntags:\n- {label: hot, color: '#f00'}\n".utf8).write(to: tags)
        #expect(try await schema("lint").status == 0)
    }
}
