import CRMClient
import CRMModel
import CRMSandbox
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

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        try await withSandbox(faults: FaultConfiguration(rateLimit: 2)) { sandbox in
            var statuses: [Int] = []
            var retryAfter: String?
            for _ in 0..<6 {
                let response = try await sandbox.send("GET", "/directory/contacts")
                statuses.append(response.status)
                if response.status == 429 {
                    retryAfter = response.header("Retry-After")
                    #expect(try JSONDecoder().decode(APIErrorBody.self, from: response.body).code == "rate_limited")
                }
            }
            #expect(statuses.contains(429))
            #expect(statuses.prefix(2) == [200, 200])
            #expect(Int(retryAfter ?? "") ?? 0 >= 1)
        }
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
