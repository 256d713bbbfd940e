import CRMClient
import Foundation
import Testing

@Suite struct RetryClassifierTests {
    @Test(arguments: [429, 502, 503, 504])
    func idempotentRequestsRetryOnTransientStatuses(status: Int) {
        #expect(RetryClassifier.verdict(for: .status(status), idempotent: true) == .retry)
    }

    @Test(arguments: [200, 201, 204, 400, 401, 404, 409, 413, 500])
    func otherStatusesAreFinal(status: Int) {
        #expect(RetryClassifier.verdict(for: .status(status), idempotent: true) == .final)
        #expect(RetryClassifier.verdict(for: .status(status), idempotent: false) == .final)
    }

    @Test func postIsRetriedOnlyWhenCertainlyNotProcessed() {
        #expect(RetryClassifier.verdict(for: .status(429), idempotent: false) == .retry)
        #expect(
            RetryClassifier.verdict(for: .transportFailure(requestMayHaveBeenSent: false), idempotent: false) == .retry)
        #expect(
            RetryClassifier.verdict(for: .transportFailure(requestMayHaveBeenSent: true), idempotent: false)
                == .outcomeUnknown)
        for status in [502, 503, 504] {
            #expect(RetryClassifier.verdict(for: .status(status), idempotent: false) == .outcomeUnknown)
        }
    }

    @Test func idempotentRequestsRetryOnAnyConnectionFailure() {
        #expect(
            RetryClassifier.verdict(for: .transportFailure(requestMayHaveBeenSent: true), idempotent: true) == .retry)
    }
}

@Suite struct RetryAfterTests {
    @Test func readsDelaySeconds() {
        #expect(RetryAfter.parse("3") == .seconds(3))
        #expect(RetryAfter.parse(" 0 ") == .zero)
    }

    @Test func readsHTTPDateRelativeToNow() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let later = now.addingTimeInterval(30)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryAfter.parse(formatter.string(from: later), now: now) == .seconds(30))
        #expect(RetryAfter.parse(formatter.string(from: now.addingTimeInterval(-5)), now: now) == .zero)
    }

    @Test func ignoresWhatItCannotRead() {
        #expect(RetryAfter.parse(nil) == nil)
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse("-4") == nil)
    }

    @Test func backoffGrowsExponentiallyWithFullJitterAndACap() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1), random: { 0.5 })
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil) == .milliseconds(50))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 9, retryAfter: nil) == .milliseconds(500))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7)) == .seconds(7))
        let none = RetryPolicy(baseDelay: .milliseconds(100), random: { 0 })
        #expect(none.delay(afterAttempt: 4, retryAfter: nil) == .zero)
    }
}
