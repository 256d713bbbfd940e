import ArgumentParser
import CRMClient
import CRMSandbox
import Foundation
import Logging

/// A client connected as the options say, and the embedded sandbox behind it when there is one
/// (stopped by `close()`).
struct Connection {
    let client: CRMClient
    let output: Output
    /// Which CRM this is across runs: the base URL, or the embedded sandbox's database (its URL
    /// changes with every start). Import runs scope their key ledger by it.
    let identity: String
    private let sandbox: RunningSandbox?

    /// Resolves where to connect, starts the embedded sandbox if that is where, and builds the
    /// client with `--verbose` reporting.
    static func open(_ options: ConnectionOptions, environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws -> Connection
    {
        let output = Output(json: options.json)
        let resolved = try ConnectionResolver(flags: options.flags, environment: environment).resolve()
        var clientOptions = ClientOptions(logger: Self.stderrLogger())
        if options.verbose {
            clientOptions.onRequest = { event in Output.diagnostic(event.line) }
        }
        switch resolved {
        case .remote(let baseURL, let apiKey, let secondary):
            let client = try CRMClient(
                baseURL: baseURL, apiKey: apiKey, secondaryAPIKey: secondary, options: clientOptions)
            return Connection(client: client, output: output, identity: baseURL, sandbox: nil)
        case .sandbox(let path, let isDefault):
            let (sandbox, key) = try await EmbeddedSandbox.start(databasePath: path)
            let reason = isDefault ? " (no --base-url or CRM_BASE_URL given)" : ""
            Output.diagnostic("crmkit: using the embedded sandbox in \(path) at \(sandbox.baseURL)\(reason)")
            do {
                let client = try CRMClient(baseURL: sandbox.baseURL, apiKey: key, options: clientOptions)
                let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                return Connection(client: client, output: output, identity: "sandbox:" + absolute, sandbox: sandbox)
            } catch {
                await sandbox.stop()
                throw error
            }
        }
    }

    func close() async {
        await sandbox?.stop()
    }

    private static func stderrLogger() -> Logger {
        var logger = Logger(label: "crmkit.client", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        return logger
    }
}

extension ConnectionOptions {
    /// Runs `body` with a connected client and closes the connection; a failure is reported
    /// (`FailureReport`) before the embedded sandbox stops, so its message comes first.
    func run(_ body: (CRMClient, Output) async throws -> Void) async throws {
        try await runConnected { connection in try await body(connection.client, connection.output) }
    }

    /// `run`, for commands that need more of the connection than the client.
    func runConnected(_ body: (Connection) async throws -> Void) async throws {
        let connection: Connection
        do {
            connection = try await Connection.open(self)
        } catch {
            throw FailureReport.reported(error)
        }
        do {
            try await body(connection)
        } catch {
            await connection.close()
            throw FailureReport.reported(error)
        }
        await connection.close()
    }
}
