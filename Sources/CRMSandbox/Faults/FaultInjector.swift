import CRMModel

/// The faults `crmkit sandbox serve` can inject so clients can test retries and backoff
/// (api-notes "Sandbox fault injection"). Defaults inject nothing.
public struct FaultConfiguration: Sendable, Hashable {
    /// Probability (0…1) that a request fails with 503 before it is performed.
    public var failRate: Double
    /// Probability (0…1) that a request is performed and then its connection is closed without
    /// an answer, so the client cannot know whether it happened ("outcome unknown").
    public var dropRate: Double
    /// Delay added to every response.
    public var latencyMilliseconds: Int
    /// Requests per second above which the sandbox answers 429; nil for no limit.
    public var rateLimit: Int?

    public init(failRate: Double = 0, dropRate: Double = 0, latencyMilliseconds: Int = 0, rateLimit: Int? = nil) {
        self.failRate = failRate
        self.dropRate = dropRate
        self.latencyMilliseconds = latencyMilliseconds
        self.rateLimit = rateLimit
    }

    public static let none = FaultConfiguration()
}

/// Decides, per request, which configured fault strikes.
struct FaultInjector: Sendable {
    let configuration: FaultConfiguration
    private let bucket: TokenBucket?

    init(_ configuration: FaultConfiguration) {
        self.configuration = configuration
        bucket = configuration.rateLimit.map { TokenBucket(perSecond: $0) }
    }

    func delay() async {
        guard configuration.latencyMilliseconds > 0 else { return }
        try? await Task.sleep(for: .milliseconds(configuration.latencyMilliseconds))
    }

    /// 429 with Retry-After when over the rate limit.
    func checkRateLimit() throws(SandboxError) {
        guard let bucket, let retryAfter = bucket.take() else { return }
        throw SandboxError(
            status: 429, code: APIErrorCode.rateLimited,
            message:
                "More than \(configuration.rateLimit ?? 0) requests per second; "
                + "wait \(retryAfter) s (Retry-After) and send again.",
            headers: [("Retry-After", String(retryAfter))])
    }

    /// 503 before any work, with probability `failRate`.
    func checkInjectedFailure() throws(SandboxError) {
        guard configuration.failRate > 0, Double.random(in: 0..<1) < configuration.failRate else { return }
        throw SandboxError(
            status: 503, code: APIErrorCode.unavailable,
            message: "Injected failure (--fail-rate): nothing was done; retry the request.",
            headers: [("Retry-After", "1")])
    }

    /// Whether to drop the connection after performing this request.
    func shouldDropAfterWork() -> Bool {
        configuration.dropRate > 0 && Double.random(in: 0..<1) < configuration.dropRate
    }
}
