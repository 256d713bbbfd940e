import CRMClient
import CRMModel
import CRMSupport
import Foundation
import Testing

/// `crmkit sandbox serve` killed with SIGKILL in the middle of a stream of creates, then started
/// again on the same file: every create it acknowledged is there, nothing is there twice, and the
/// database still takes writes. (WAL with synchronous=NORMAL: a process crash loses nothing that
/// was committed; only a power loss could lose the last transactions.)
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct SandboxCrashTests {
    @Test func killedServerKeepsEveryAcknowledgedCreate() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("crash.sqlite").path
        let key = "crash-test-key-0123456789"

        var acknowledged: [String: String] = [:]  // id → name
        var attempted = 0
        for round in 0..<3 {
            let server = try await ServeProcess.start(database: database, apiKey: key, in: directory)
            let requester = APIRequester(baseURL: server.baseURL, apiKey: key)
            let outcome = await Self.createUntilKilled(
                requester, round: round, killAfter: 150, kill: { server.kill() })
            attempted += outcome.attempted
            acknowledged.merge(outcome.acknowledged) { first, _ in first }
            server.waitForExit()
        }

        let server = try await ServeProcess.start(database: database, apiKey: key, in: directory)
        defer { server.kill(); server.waitForExit() }
        let requester = APIRequester(baseURL: server.baseURL, apiKey: key)
        var stored: [String: String] = [:]
        var names: [String] = []
        var page = 1
        while true {
            let response = try await requester.send(
                "GET", "/directory/contacts", query: [("page", String(page)), ("size", "1000")])
            #expect(response.status == 200)
            let list = try JSONDecoder().decode(ListEnvelope<Contact>.self, from: response.body)
            for contact in list.items {
                if let id = contact.id?.rawValue, let name = contact.name {
                    stored[id] = name
                    names.append(name)
                }
            }
            if list.items.count < 1000 { break }
            page += 1
        }
        #expect(acknowledged.count >= 3 * 150)
        for (id, name) in acknowledged {
            #expect(stored[id] == name, "acknowledged contact \(id) (\(name)) is missing after the crash")
        }
        #expect(Set(names).count == names.count, "a create was stored twice")
        #expect(stored.count <= attempted)
        let after = try await requester.send("POST", "/directory/contacts", json: Contact(name: "after the crashes"))
        #expect(after.status == 201)
    }

    private struct Outcome {
        var attempted = 0
        var acknowledged: [String: String] = [:]
    }

    /// Eight writers create contacts; once `killAfter` creates are acknowledged the server is
    /// killed while the writers are still sending.
    private static func createUntilKilled(
        _ requester: APIRequester, round: Int, killAfter: Int, kill: @escaping @Sendable () -> Void
    ) async -> Outcome {
        let tally = Tally()
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var index = 0
                    while true {
                        let name = "round\(round)-writer\(writer)-\(index)"
                        index += 1
                        await tally.attempt()
                        guard
                            let response = try? await requester.send(
                                "POST", "/directory/contacts", json: Contact(name: name)),
                            response.status == 201,
                            let created = try? JSONDecoder().decode(ItemEnvelope<Contact>.self, from: response.body),
                            let id = created.item.id?.rawValue
                        else { return }  // the server is gone
                        if await tally.acknowledge(id: id, name: name) == killAfter { kill() }
                    }
                }
            }
        }
        return await tally.outcome
    }

    private actor Tally {
        var outcome = Outcome()
        func attempt() { outcome.attempted += 1 }
        func acknowledge(id: String, name: String) -> Int {
            outcome.acknowledged[id] = name
            return outcome.acknowledged.count
        }
    }
}

/// `crmkit sandbox serve` as a child process, with the address it printed.
final class ServeProcess: @unchecked Sendable {
    let process: ChildProcess
    let baseURL: String

    private init(process: ChildProcess, baseURL: String) {
        self.process = process
        self.baseURL = baseURL
    }

    /// Starts a server on `database`; port 0 lets the system choose one.
    static func start(database: String, apiKey: String, port: Int = 0, extraArguments: [String] = [], in directory: URL)
        async throws -> ServeProcess
    {
        guard let binary = CLI.binary else { throw CLIHarnessError.binaryMissing }
        let process = try ChildProcess(
            executable: binary.path,
            arguments: ["sandbox", "serve", "--db", database, "--port", String(port), "--api-key", apiKey]
                + extraArguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path], directory: directory.path, output: .capture)
        guard let output = process.standardOutput else { throw ServeError.noListeningLine("") }
        // The first line is "listening on http://HOST:PORT"; read it off the cooperative pool.
        let line: String = await OwnThread.run {
            var bytes: [UInt8] = []
            while let byte = try? output.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard line.hasPrefix("listening on ") else {
            process.kill()
            throw ServeError.noListeningLine(line)
        }
        // Keep draining stdout so the server never blocks on a full pipe.
        OwnThread.start { _ = output.readDataToEndOfFile() }
        OwnThread.start { _ = process.standardError?.readDataToEndOfFile() }
        return ServeProcess(process: process, baseURL: String(line.dropFirst("listening on ".count)))
    }

    /// The port it listens on.
    var port: Int { Int(baseURL.split(separator: ":").last ?? "") ?? 0 }

    /// SIGKILL: no shutdown, no flush, no checkpoint.
    func kill() { process.kill() }

    func waitForExit() { process.waitUntilExit() }

    enum ServeError: Error { case noListeningLine(String) }
}
