import CRMSandbox
import CRMModel
import CRMSupport
import CRMTestSupport
import Foundation
import Testing

/// Runs the built `crmkit` binary. `swift build --build-tests` (which `.ci/run` does first)
/// builds it next to the test bundle; without it, the CLI tests are disabled with that reason.
enum CLI {
    static let binary: URL? = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("crmkit"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/crmkit"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static let missingReason: Comment = "the crmkit binary is not built; run `swift build --build-tests` first"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + stderr }
    }

    /// Runs `crmkit arguments` in `directory` with only the environment given (plus PATH), so
    /// the user's own CRM settings and config file cannot leak in. The wait happens on a GCD
    /// thread: blocking the cooperative pool would starve the in-process sandbox it talks to.
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL) async throws
        -> Result
    {
        guard let binary else { throw CLIHarnessError.binaryMissing }
        return try await run(program: binary, arguments, environment: environment, in: directory)
    }

    /// Runs any program the same way (e.g. `script`, to give crmkit a terminal).
    static func run(program: URL, _ arguments: [String], environment: [String: String] = [:], in directory: URL)
        async throws -> Result
    {
        var env = ["PATH": "/usr/bin:/bin", "HOME": directory.path]
        env.merge(environment) { _, new in new }
        // stdin is /dev/null, never a terminal: prompts must not wait.
        let process = try ChildProcess(
            executable: program.path, arguments: arguments, environment: env, directory: directory.path,
            output: .capture)
        return await OwnThread.run {
            let group = DispatchGroup()
            nonisolated(unsafe) var stderr = Data()
            OwnThread.start(group) { stderr = process.standardError?.readDataToEndOfFile() ?? Data() }
            let stdout = process.standardOutput?.readDataToEndOfFile() ?? Data()
            group.wait()
            let status = process.waitUntilExit()
            return Result(
                status: status, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }
    }
}

enum CLIHarnessError: Error { case binaryMissing }

/// An in-process sandbox and a scratch directory for one CLI test.
struct CLISandbox {
    let sandbox: LoopbackSandbox
    let key: String

    var running: RunningSandbox { sandbox.running }
    /// The scratch directory the CLI runs in; the database is in its `db/`.
    var directory: URL { sandbox.directory.deletingLastPathComponent() }

    static func start(apiKey: String = "cli-test-key-0123456789") async throws -> CLISandbox {
        let database = URL(fileURLWithPath: LoopbackSandbox.temporaryDatabasePath()).deletingLastPathComponent()
            .appendingPathComponent("db/sandbox.sqlite").path
        return CLISandbox(sandbox: try await LoopbackSandbox.start(databasePath: database, apiKey: apiKey), key: apiKey)
    }

    /// `crmkit arguments --base-url … --api-key …`.
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CLI.Result {
        try await CLI.run(
            arguments + ["--base-url", running.baseURL, "--api-key", key], environment: environment, in: directory)
    }

    /// Runs and decodes stdout as JSON (expects `--json` among the arguments).
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let result = try await run(arguments + ["--json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return object as? [String: Any] ?? [:]
    }

    func stop() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` with a fresh sandbox, stopping it whatever happens.
func withCLISandbox(_ body: (CLISandbox) async throws -> Void) async throws {
    let sandbox = try await CLISandbox.start()
    do {
        try await body(sandbox)
    } catch {
        await sandbox.stop()
        throw error
    }
    await sandbox.stop()
}
