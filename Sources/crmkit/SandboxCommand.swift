import ArgumentParser
import CRMSandbox
import Foundation

/// `crmkit sandbox …`: the local CRM API.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the local sandbox of the CRM API (SQLite-backed).",
        subcommands: [SandboxServeCommand.self]
    )
}

/// `crmkit sandbox serve`: serves until SIGINT or SIGTERM. The first stdout line is
/// `listening on http://HOST:PORT`, so scripts can wait for it and read the port.
struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the CRM API locally.",
        discussion: """
            Keys: a new database gets a primary and a secondary key, printed once after the \
            'listening on' line; only their hashes are stored. --api-key sets the primary key.

            Faults for client tests: --fail-rate answers 503 before doing anything, --drop-rate \
            does the work and then closes the connection without an answer, --latency-ms delays \
            every answer, --rate-limit answers 429 with Retry-After beyond N requests per second.
            """
    )

    @Option(help: "The SQLite file (created with its folder when missing).")
    var db = "./.crmkit/sandbox.sqlite"

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "The primary API key to accept (replaces the stored one).")
    var apiKey: String?

    @Option(help: "Probability (0.0-1.0) that a request fails with 503 before it is performed.")
    var failRate = 0.0

    @Option(help: "Probability (0.0-1.0) that a request is performed and its connection then closed without an answer.")
    var dropRate = 0.0

    @Option(help: "Milliseconds added to every response.")
    var latencyMs = 0

    @Option(help: "Maximum requests per second (429 with Retry-After beyond).")
    var rateLimit: Int?

    func validate() throws {
        guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate must be between 0.0 and 1.0.") }
        guard (0...1).contains(dropRate) else { throw ValidationError("--drop-rate must be between 0.0 and 1.0.") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must be 0 or more.") }
        guard rateLimit.map({ $0 > 0 }) ?? true else { throw ValidationError("--rate-limit must be 1 or more.") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        if let apiKey, apiKey.count < 16 { throw ValidationError("--api-key must be at least 16 characters.") }
    }

    func run() async throws {
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        let sandbox = try await SandboxServer.start(
            SandboxConfiguration(
                databasePath: db, host: host, port: port, apiKey: apiKey,
                faults: FaultConfiguration(
                    failRate: failRate, dropRate: dropRate, latencyMilliseconds: latencyMs, rateLimit: rateLimit)))
        // Written straight to the file descriptor (no buffering), so a script reading the pipe
        // sees the line at once.
        var lines = ["listening on \(sandbox.baseURL)"]
        if let primary = sandbox.primaryKey {
            lines.append("primary key (shown once, only its hash is stored): \(primary)")
        }
        if let secondary = sandbox.secondaryKey {
            lines.append("secondary key (shown once, only its hash is stored): \(secondary)")
        }
        StandardStreams.writeOut(lines.joined(separator: "\n") + "\n")
        let received = await signals.next()
        Output.diagnostic("received signal \(received), shutting down")
        await sandbox.stop()
    }
}

/// Turns SIGINT/SIGTERM into an awaitable event instead of killing the process, so the server
/// can finish requests in flight and close the database cleanly.
final class SignalWaiter {
    private let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    func next() async -> Int32 {
        for await number in stream { return number }
        return 0
    }
}
