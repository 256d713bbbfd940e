import CRMClient
import CRMModel
@testable import CRMSandbox
import Foundation
import Testing

@Suite struct FaultInjectionTests {
    @Test func failRateOneFailsEveryRequestBeforeDoingIt() async throws {
        try await withSandbox(faults: FaultConfiguration(failRate: 1)) { sandbox in
            for _ in 0..<5 {
                let response = try await sandbox.send("POST", "/directory/contacts", json: ["name": "never"])
                #expect(response.status == 503)
                #expect(response.header("Retry-After") == "1")
                #expect(try JSONDecoder().decode(APIErrorBody.self, from: response.body).code == "unavailable")
            }
            // authentication is still checked first
            let anonymous = APIRequester(baseURL: sandbox.running.baseURL, apiKey: nil)
            let status = try await anonymous.send("GET", "/directory/contacts").status
            #expect(status == 401)
        }
    }

    @Test func failRateZeroNeverFails() async throws {
        try await withSandbox(faults: FaultConfiguration(failRate: 0, latencyMilliseconds: 5)) { sandbox in
            for _ in 0..<5 { try await sandbox.expect(200, "GET", "/directory/contacts") }
        }
    }

    /// A burst far above the limit, sent at once: however slow the machine, 40 requests cannot be
    /// spread over the 40 seconds it would take a 1 request/s bucket to let them all through.
    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        try await withSandbox(faults: FaultConfiguration(rateLimit: 1)) { sandbox in
            let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                for _ in 0..<40 { group.addTask { try await sandbox.send("GET", "/directory/contacts") } }
                return try await group.reduce(into: [HTTPResponse]()) { $0.append($1) }
            }
            let limited = responses.filter { $0.status == 429 }
            #expect(!limited.isEmpty)
            #expect(responses.allSatisfy { $0.status == 200 || $0.status == 429 })
            for response in limited.prefix(3) {
                #expect(Int(response.header("Retry-After") ?? "") ?? 0 >= 1)
                #expect(try JSONDecoder().decode(APIErrorBody.self, from: response.body).code == "rate_limited")
            }
        }
    }

    @Test func tokenBucketAllowsItsRateAndNamesTheWait() {
        let second: UInt64 = 1_000_000_000
        let bucket = TokenBucket(perSecond: 2, startingAt: 0)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == 1)
        #expect(bucket.take(now: second / 2) == nil)
        #expect(bucket.take(now: second / 2) == 1)
        #expect(bucket.take(now: 10 * second) == nil)
        #expect(bucket.take(now: 10 * second) == nil)
        #expect(bucket.take(now: 10 * second) == 1)
    }

    @Test func dropRateOnePerformsTheWorkButNeverAnswers() async throws {
        let sandbox = try await TestSandbox.start(faults: FaultConfiguration(dropRate: 1))
        defer { sandbox.removeDatabase() }
        let key = try #require(sandbox.running.primaryKey)
        await #expect(throws: TransportError.self) {
            _ = try await sandbox.send("POST", "/directory/contacts", json: ["name": "Outcome unknown"])
        }
        await sandbox.stop()
        let plain = try await TestSandbox.start(databasePath: sandbox.databasePath, apiKey: key)
        let list = try await plain.expect(200, "GET", "/directory/contacts")
        #expect(list["items"]?.arrayValue?.map { $0["name"] } == ["Outcome unknown"])
        await plain.stop()
    }
}
