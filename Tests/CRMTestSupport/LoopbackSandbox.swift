import CRMClient
import CRMModel
import CRMSandbox
import Foundation

/// The sandbox every test target starts: its own scratch directory with the database inside, an
/// ephemeral loopback port, and a client holding the key — the CRM as the CLI reaches it, over
/// real HTTP. Written once here so that how a test sandbox is started, keyed and cleaned up is the
/// same for the client, sandbox, import, sync, schema and CLI tests.
public struct LoopbackSandbox: Sendable {
    public let running: RunningSandbox
    public let client: CRMClient
    /// The API key the client sends: the one given, else the key generated for a new database
    /// (nil when an existing database was reopened without one).
    public let key: String?
    public let databasePath: String

    /// The scratch directory holding the database; tests may keep their own files there.
    public var directory: URL { URL(fileURLWithPath: databasePath).deletingLastPathComponent() }
    public var baseURL: String { running.baseURL }

    /// Starts a sandbox on `databasePath` (a fresh one in a new scratch directory by default).
    /// `apiKey` is the key the server is given; `clientKey` one the client sends instead (a
    /// wrong or revoked key, with `secondaryKey` to fall back to).
    public static func start(
        databasePath: String? = nil, faults: FaultConfiguration = .none, options: ClientOptions = ClientOptions(),
        apiKey: String? = nil, clientKey: String? = nil, secondaryKey: String? = nil
    ) async throws -> LoopbackSandbox {
        let path = databasePath ?? temporaryDatabasePath()
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let running = try await SandboxServer.start(
            SandboxConfiguration(databasePath: path, apiKey: apiKey, faults: faults))
        let key = clientKey ?? apiKey ?? running.primaryKey
        do {
            let client = try CRMClient(
                baseURL: running.baseURL, apiKey: key, secondaryAPIKey: secondaryKey, options: options)
            return LoopbackSandbox(running: running, client: client, key: key, databasePath: path)
        } catch {
            await running.stop()
            throw error
        }
    }

    /// `…/crmkit-test-UUID/sandbox.sqlite` under the temporary directory.
    public static func temporaryDatabasePath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("crmkit-test-\(UUID().uuidString)/sandbox.sqlite").path
    }

    /// Stops the server; the database stays (a test may start another sandbox on it).
    public func stop() async { await running.stop() }

    /// Removes the scratch directory and everything in it.
    public func removeDatabase() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` with a fresh sandbox, then stops it and removes its files, whatever happens.
public func withLoopbackSandbox<Result>(
    apiKey: String? = nil, faults: FaultConfiguration = .none, options: ClientOptions = ClientOptions(),
    _ body: (LoopbackSandbox) async throws -> Result
) async throws -> Result {
    let sandbox = try await LoopbackSandbox.start(faults: faults, options: options, apiKey: apiKey)
    do {
        let result = try await body(sandbox)
        await sandbox.stop()
        sandbox.removeDatabase()
        return result
    } catch {
        await sandbox.stop()
        sandbox.removeDatabase()
        throw error
    }
}
