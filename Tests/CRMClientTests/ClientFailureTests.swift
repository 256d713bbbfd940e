import CRMClient
import CRMModel
import Foundation
import Synchronization
import Testing

@Suite struct ClientFailureTests {
    let contactBody = #"{"item": {"id": "7", "name": "Jane"}}"#

    @Test func getIsRetriedAfter503AndHonoursRetryAfter() async throws {
        let transport = ScriptedTransport(sequence: [
            ScriptedTransport.json(
                503, #"{"code":"unavailable","message":"try later"}"#, headers: ["retry-after": "2"]),
            ScriptedTransport.dropped(sent: true),
            ScriptedTransport.json(200, contactBody),
        ])
        let sleeps = SleepRecorder()
        let client = try makeClient(transport, retry: sleeps.policy())
        let contact = try await client.contacts.get("7")
        #expect(contact.name == "Jane")
        #expect(transport.requests.count == 3)
        #expect(sleeps.recorded.first == .seconds(2))
        #expect(sleeps.recorded.count == 2)
    }

    @Test func postThatMayHaveBeenProcessedIsOutcomeUnknownAndNotRepeated() async throws {
        for answer in [
            ScriptedTransport.dropped(sent: true), ScriptedTransport.json(503, "{}"), ScriptedTransport.json(504, ""),
        ] {
            let transport = ScriptedTransport(sequence: [answer, ScriptedTransport.json(201, contactBody)])
            let client = try makeClient(transport)
            let error = await #expect(throws: CRMError.self) {
                _ = try await client.contacts.create(Contact(name: "Jane"))
            }
            #expect(error?.isOutcomeUnknown == true)
            #expect(transport.requests.count == 1)
            #expect(error.map { String(describing: $0) }?.contains("check whether the change exists") == true)
        }
    }

    @Test func postIsRetriedAfter429OrARefusedConnection() async throws {
        let transport = ScriptedTransport(sequence: [
            ScriptedTransport.json(
                429, #"{"code":"rate_limited","message":"slow down"}"#, headers: ["retry-after": "1"]),
            ScriptedTransport.dropped(sent: false),
            ScriptedTransport.json(201, contactBody),
        ])
        let client = try makeClient(transport)
        let created = try await client.contacts.create(Contact(name: "Jane"))
        #expect(created.id == "7")
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0.method == "POST" })
    }

    @Test func givesUpAfterMaxAttemptsWithTheLastAnswer() async throws {
        let transport = ScriptedTransport(sequence: [
            ScriptedTransport.json(503, #"{"code":"unavailable","message":"down"}"#)
        ])
        let client = try makeClient(transport, retry: SleepRecorder().policy(maxAttempts: 3))
        let error = await #expect(throws: CRMError.self) { _ = try await client.leads.get("1") }
        #expect(transport.requests.count == 3)
        guard case .api(let failure)? = error else {
            Issue.record("expected an API failure, got \(String(describing: error))")
            return
        }
        #expect(failure.status == 503)
        #expect(failure.attempts == 3)
        #expect(failure.body?.code == "unavailable")
    }

    @Test func retryAfterBeyondTheLimitIsNotWaitedFor() async throws {
        let transport = ScriptedTransport(sequence: [
            ScriptedTransport.json(429, "{}", headers: ["retry-after": "3600"])
        ])
        let sleeps = SleepRecorder()
        var policy = sleeps.policy()
        policy.maxRetryAfter = .seconds(60)
        let client = try makeClient(transport, retry: policy)
        let error = await #expect(throws: CRMError.self) { _ = try await client.pipelines.list() }
        #expect(error?.status == 429)
        #expect(sleeps.recorded.isEmpty)
        #expect(transport.requests.count == 1)
    }

    @Test func clientErrorsAreNotRetriedAndCarryTheAPIError() async throws {
        let body =
            #"{"code":"validation_failed","message":"invalid contact","#
            + #""details":[{"field":"email[0].value","reason":"invalid_format"}]}"#
        let transport = ScriptedTransport(sequence: [ScriptedTransport.json(400, body)])
        let client = try makeClient(transport)
        let error = await #expect(throws: CRMError.self) {
            _ = try await client.contacts.update("3", Contact(name: "x"))
        }
        #expect(transport.requests.count == 1)
        #expect(error?.status == 400)
        #expect(error?.code == "validation_failed")
        let text = error.map { String(describing: $0) } ?? ""
        #expect(text.contains("PATCH /directory/contacts/3"))
        #expect(text.contains("email[0].value: invalid_format"))
    }

    @Test func secondaryKeyTakesOverAfter401AndTheSwitchIsReportedOnce() async throws {
        let transport = ScriptedTransport { request, _ in
            request.header("Ocp-Apim-Subscription-Key") == "secondary-key"
                ? ScriptedTransport.json(200, #"{"items": []}"#)
                : ScriptedTransport.json(401, #"{"code":"unauthorized","message":"bad key"}"#)
        }
        let reports = Mutex(0)
        let client = try makeClient(
            transport, key: "revoked-primary", secondary: "secondary-key",
            onKeyFailover: { reports.withLock { $0 += 1 } })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = try await client.tags(for: .lead).list() } }
            try await group.waitForAll()
        }
        _ = try await client.caseTypes.list()
        #expect(reports.withLock { $0 } == 1)
        let keys = transport.requests.map { $0.header("Ocp-Apim-Subscription-Key") }
        #expect(keys.last == "secondary-key")
        #expect(keys.filter { $0 == "secondary-key" }.count == 11)
    }

    @Test func refusedSecondaryKeyIsAnUnauthorizedErrorThatNamesNoKey() async throws {
        let transport = ScriptedTransport(sequence: [
            ScriptedTransport.json(401, #"{"code":"unauthorized","message":"missing or invalid key"}"#)
        ])
        let client = try makeClient(transport, key: "sk-PRIMARY-SECRET-1234", secondary: "sk-SECONDARY-SECRET-5678")
        let error = await #expect(throws: CRMError.self) { _ = try await client.contacts.get("1") }
        #expect(transport.requests.count == 2)
        #expect(error?.status == 401)
        let text = error.map { String(describing: $0) + String(reflecting: $0) } ?? ""
        #expect(text.contains("--api-key"))
        #expect(!text.contains("SECRET"))
    }

    @Test func noRequestCarriesTheKeyAnywhereButItsHeader() async throws {
        let transport = ScriptedTransport(sequence: [ScriptedTransport.json(200, contactBody)])
        let client = try makeClient(transport, key: "sk-SECRET-in-header")
        _ = try await client.contacts.get("7")
        let request = try #require(transport.requests.first)
        #expect(!request.url.contains("SECRET"))
        #expect(request.header("Ocp-Apim-Subscription-Key") == "sk-SECRET-in-header")
    }
}
