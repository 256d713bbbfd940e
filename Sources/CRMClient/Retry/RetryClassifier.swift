/// Decides, from one attempt's outcome, whether a request may be sent again.
///
/// The rule: a request that is safe to repeat (GET, PUT, PATCH, DELETE) is retried on connection
/// errors, timeouts, 429, 502, 503 and 504. A request that is not (POST: create, merge, convert,
/// bulk action) is retried only when the server certainly did not act on it:
/// - the connection could not be made (refused, DNS, TLS handshake): nothing was sent;
/// - 429: the server refused it before processing (the API rate-limits before it executes);
/// - 401 with a secondary key (handled by the key failover, not here): nothing was processed.
/// Anything else that leaves the outcome open (connection dropped or timed out after sending,
/// 502/503/504 from the server or a gateway in front of it) ends as `outcomeUnknown`, so the
/// caller can look before sending again instead of creating a duplicate.
public enum RetryClassifier {
    public enum Outcome: Sendable, Equatable {
        case status(Int)
        case transportFailure(requestMayHaveBeenSent: Bool)
    }

    public enum Verdict: Sendable, Equatable {
        /// Done: a final answer (success or an error the caller must see).
        case final
        /// Send it again (after a wait).
        case retry
        /// Stop: the request may have been acted on and must not be repeated blindly.
        case outcomeUnknown
    }

    public static let retryableStatuses: Set<Int> = [429, 502, 503, 504]

    public static func verdict(for outcome: Outcome, idempotent: Bool) -> Verdict {
        switch outcome {
        case .status(let status):
            guard retryableStatuses.contains(status) else { return .final }
            if idempotent || status == 429 { return .retry }
            return .outcomeUnknown
        case .transportFailure(let mayHaveBeenSent):
            if idempotent || !mayHaveBeenSent { return .retry }
            return .outcomeUnknown
        }
    }
}
