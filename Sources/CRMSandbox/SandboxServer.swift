import CRMModel
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// How to run a sandbox: where its SQLite file is, where it listens, its key and its faults.
public struct SandboxConfiguration: Sendable {
    /// The SQLite file; created (with its folder) and seeded when it does not exist.
    public var databasePath: String
    public var host: String
    /// 0 picks a free port (see `RunningSandbox.port`).
    public var port: Int
    /// The primary key to accept. nil: keep the stored one, or generate one for a new database.
    /// When given, it replaces the stored primary key.
    public var apiKey: String?
    public var faults: FaultConfiguration

    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 0, apiKey: String? = nil,
        faults: FaultConfiguration = .none
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.apiKey = apiKey
        self.faults = faults
    }
}

/// A sandbox serving HTTP in this process. Stop it with `stop()`; the database file stays.
public final class RunningSandbox: Sendable {
    /// `http://HOST:PORT`, no trailing slash.
    public let baseURL: String
    public var port: Int { server.port }
    /// The keys generated for a new database, to be shown once; nil for an existing database
    /// (and `primaryKey` is nil too when the configuration gave the key).
    public let primaryKey: String?
    public let secondaryKey: String?

    private let server: LoopbackHTTPServer
    private let keys: APIKeyRing
    private let services: SandboxServices

    init(
        baseURL: String, primaryKey: String?, secondaryKey: String?, server: LoopbackHTTPServer, keys: APIKeyRing,
        services: SandboxServices
    ) {
        self.baseURL = baseURL
        self.primaryKey = primaryKey
        self.secondaryKey = secondaryKey
        self.server = server
        self.keys = keys
        self.services = services
    }

    /// Creates many records in one transaction without going through HTTP, validated exactly
    /// as `POST` would validate them; for seeding benchmarks and large test fixtures. All or
    /// nothing: the first invalid body fails the whole batch with its 400 error.
    /// - Returns: the ids of the new records, in order.
    @discardableResult
    public func bulkCreate(_ kind: EntityKind, _ bodies: [JSONObject]) async throws -> [String] {
        try await RecordHandlers.bulkCreate(kind, bodies, services)
    }

    /// Accepts `key` too until the server stops, without storing it (the embedded sandbox's key).
    public func addSessionKey(_ key: String) {
        keys.addSessionKey(key)
    }

    /// Stops accepting connections, finishes requests in flight, and returns when the server is down.
    public func stop() async {
        await server.stop()
    }

    /// Waits until the server stops (after `stop()` or a failure).
    public func waitUntilStopped() async {
        await server.waitUntilStopped()
    }
}

public enum SandboxServer {
    /// Opens (or creates and seeds) the database and starts serving; returns once the port is bound.
    public static func start(_ configuration: SandboxConfiguration) async throws -> RunningSandbox {
        let database = try SandboxDatabase(path: configuration.databasePath)
        let generated = try database.initialiseIfNew(primaryKey: configuration.apiKey)
        if generated == nil, let key = configuration.apiKey {
            try database.setPrimaryKey(key)
        }
        let catalog = SchemaCatalog()
        try await database.pool.read { db in try catalog.reload(from: db) }
        let keys = APIKeyRing(stored: try database.storedKeys())

        var logger = Logger(label: "crmkit.sandbox")
        logger.logLevel = .warning
        let responder = SandboxResponder(
            handlers: SandboxRoutes.handlers, services: SandboxServices(database: database, catalog: catalog),
            keys: keys, faults: FaultInjector(configuration.faults), logger: logger)

        let server = try await LoopbackHTTPServer.start(
            logger: logger,
            stoppedBeforeListening: {
                SandboxStartError(
                    message: "the server stopped before it listened on \(configuration.host):\(configuration.port)")
            }
        ) { onServerRunning in
            Application(
                responder: responder,
                configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
                onServerRunning: onServerRunning, logger: logger)
        }
        return RunningSandbox(
            baseURL: "http://\(configuration.host):\(server.port)", primaryKey: generated?.primary,
            secondaryKey: generated?.secondary, server: server, keys: keys, services: responder.services)
    }
}

/// The server could not start (the port is taken, the database cannot be opened, …).
public struct SandboxStartError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The sandbox a command uses when no CRM is configured: in-process, on 127.0.0.1 at a free
/// port, reached with a random key that lives only as long as the process.
public enum EmbeddedSandbox {
    public static func start(databasePath: String) async throws -> (RunningSandbox, sessionKey: String) {
        let sandbox = try await SandboxServer.start(SandboxConfiguration(databasePath: databasePath))
        let sessionKey = APIKeyGenerator.newKey()
        sandbox.addSessionKey(sessionKey)
        return (sandbox, sessionKey)
    }
}
