/// How failed requests are repeated: exponential backoff with full jitter (a random wait between
/// zero and `base · 2^(attempt-1)`, capped), so that many clients failing together do not retry
/// in lockstep. A `Retry-After` from the server is waited out instead, up to `maxRetryAfter`.
public struct RetryPolicy: Sendable {
    /// Total sends per request, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A `Retry-After` longer than this is not waited for: the request fails with the 429/503.
    public var maxRetryAfter: Duration
    /// Returns a value in 0..<1; replaceable so tests are deterministic.
    public var random: @Sendable () -> Double
    /// Waits; replaceable so tests do not sleep.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxAttempts: Int = 6, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10),
        maxRetryAfter: Duration = .seconds(120),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.random = random
        self.sleep = sleep
    }

    /// No retries at all.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1` after attempt `attempt` failed.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return retryAfter }
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(baseDelay * (1 << exponent), maxDelay)
        return ceiling * random()
    }
}
