import CRMClient
import CRMModel
import Foundation
import Synchronization
import Testing

/// The libcurl transport against a loopback server that shows what went over the wire.
@Suite struct CurlTransportTests {
    static let zippedContact = "H4sIAAAAAAAC/6tWyixJzVWyUqhWykwBUkqGSjoKSnmJuakgTlRmQUFqilJtLQDC5Uh4JwAAAA=="

    func client(_ server: LoopbackServer, _ options: ClientOptions = ClientOptions(retry: SleepRecorder().policy()))
        throws -> CRMClient
    {
        try CRMClient(baseURL: server.baseURL, apiKey: "transport-key", options: options)
    }

    @Test func reusesOneConnectionAndSendsTheExpectedHeaders() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(200, #"{"item": {"id": "1", "name": "A"}}"#) }
        defer { server.stop() }
        let client = try client(server)
        for _ in 0..<20 { _ = try await client.contacts.get("1") }
        _ = try await client.contacts.update("1", Contact(name: "B"))
        #expect(server.connectionCount == 1)
        let requests = server.requests
        #expect(requests.count == 21)
        let patch = try #require(requests.last)
        #expect(patch.method == "PATCH")
        #expect(patch.header("User-Agent") == "crmkit/\(CRMClientVersion.string)")
        #expect(patch.header("Expect") == nil)
        #expect(patch.header("Accept-Encoding")?.contains("gzip") == true)
        #expect(patch.header("Content-Type") == "application/json")
        #expect(patch.header("Ocp-Apim-Subscription-Key") == "transport-key")
        #expect(String(decoding: patch.body, as: UTF8.self) == #"{"name":"B"}"#)
    }

    @Test func decodesGzipAnswers() async throws {
        let zipped = try #require(Data(base64Encoded: Self.zippedContact))
        let server = try LoopbackServer { _ in
            LoopbackServer.response(200, zipped, headers: ["Content-Encoding": "gzip"])
        }
        defer { server.stop() }
        #expect(try await client(server).contacts.get("1").name == "Zipped")
    }

    @Test func streamsALargeBodyIntact() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(201, #"{"item": {"id": "9"}}"#) }
        defer { server.stop() }
        let note = String(repeating: "0123456789abcdef", count: 200_000)
        var contact = Contact(name: "Big")
        contact.note = note
        _ = try await client(server).contacts.create(contact)
        let body = try #require(server.requests.first?.body)
        let sent = try JSONDecoder().decode(Contact.self, from: body)
        #expect(sent.note == note)
    }

    @Test func boundsTheRequestsInFlight() async throws {
        let inFlight = Mutex((now: 0, peak: 0))
        let server = try LoopbackServer { _ in
            inFlight.withLock {
                $0.now += 1; $0.peak = max($0.peak, $0.now)
            }
            usleep(30_000)
            inFlight.withLock { $0.now -= 1 }
            return LoopbackServer.response(200, #"{"items": []}"#)
        }
        defer { server.stop() }
        var options = ClientOptions()
        options.transport.maxConcurrentRequests = 3
        let client = try client(server, options)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 { group.addTask { _ = try await client.pipelines.list() } }
            try await group.waitForAll()
        }
        let peak = inFlight.withLock { $0.peak }
        #expect(peak <= 3)
        #expect(server.requests.count == 12)
        #expect(server.connectionCount <= 3)
    }

    @Test func aDroppedPostIsOutcomeUnknownAndSentOnce() async throws {
        let server = try LoopbackServer { _ in nil }
        defer { server.stop() }
        let client = try client(server)
        let error = await #expect(throws: CRMError.self) { _ = try await client.contacts.create(Contact(name: "Once")) }
        #expect(error?.isOutcomeUnknown == true)
        #expect(server.requests.count == 1)
    }

    @Test func aDroppedGetIsRetriedUntilTheAttemptsRunOut() async throws {
        let server = try LoopbackServer { _ in nil }
        defer { server.stop() }
        let client = try client(server, ClientOptions(retry: SleepRecorder().policy(maxAttempts: 3)))
        let error = await #expect(throws: CRMError.self) { _ = try await client.contacts.get("1") }
        guard case .transport(_, _, let attempts)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(attempts == 3)
        #expect(server.requests.count == 3)
    }

    @Test func aRefusedConnectionIsRetriedEvenForPost() async throws {
        let refusing = try RefusingPort()
        let attempts = Mutex(0)
        var options = ClientOptions(retry: SleepRecorder().policy(maxAttempts: 3))
        options.onRequest = { _ in attempts.withLock { $0 += 1 } }
        let client = try CRMClient(baseURL: refusing.baseURL, apiKey: "k", options: options)
        let error = await #expect(throws: CRMError.self) { _ = try await client.contacts.create(Contact(name: "x")) }
        #expect(error?.isOutcomeUnknown == false)
        #expect(attempts.withLock { $0 } == 3)
        withExtendedLifetime(refusing) {}
    }

    @Test func aTimedOutPostIsOutcomeUnknown() async throws {
        // The server answers only once the test has its result, so the request can only end
        // through the client's timeout, however slow the machine.
        let release = DispatchSemaphore(value: 0)
        let server = try LoopbackServer { _ in
            _ = release.wait(timeout: .now() + 60)
            return LoopbackServer.response(201, "{}")
        }
        defer { server.stop() }
        var options = ClientOptions(retry: SleepRecorder().policy())
        options.transport.totalTimeoutMilliseconds = 2_000
        let error = await #expect(throws: CRMError.self) {
            _ = try await client(server, options).cases.create(Case(title: "slow"))
        }
        release.signal()
        #expect(error?.isOutcomeUnknown == true)
        #expect(server.requests.count == 1)
    }

    @Test func cancellingTheTaskAbandonsTheRequest() async throws {
        // The server answers only once the test has its result, so however slow the machine,
        // the request can only end through the cancellation (the timeout is a safety net).
        let release = DispatchSemaphore(value: 0)
        let server = try LoopbackServer { _ in
            _ = release.wait(timeout: .now() + 60)
            return LoopbackServer.response(200, "{}")
        }
        defer { server.stop() }
        let client = try client(server)
        let task = Task { try await client.contacts.get("1") }
        while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        let result = await task.result
        release.signal()
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(server.requests.count == 1)
    }

    @Test func theBlockingTransportAlsoKeepsItsConnection() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(200, #"{"item": {"id": "1", "name": "A"}}"#) }
        defer { server.stop() }
        let client = try CRMClient(
            baseURL: server.baseURL, apiKey: "k", options: ClientOptions(retry: SleepRecorder().policy()),
            transport: BlockingCurlTransport())
        for _ in 0..<5 { #expect(try await client.contacts.get("1").name == "A") }
        #expect(server.connectionCount == 1)
        #expect(server.requests.count == 5)
    }
}
