import Logging

/// Everything a `CRMClient` needs besides the base URL and keys.
public struct ClientOptions: Sendable {
    public var retry: RetryPolicy
    /// Connection and concurrency settings of the default libcurl transport.
    public var transport: CurlTransport.Options
    /// Called after every HTTP exchange (the CLI's `--verbose` prints `event.line`).
    public var onRequest: (@Sendable (RequestEvent) -> Void)?
    /// Called once when the primary key is refused and the secondary takes over.
    public var onKeyFailover: (@Sendable () -> Void)?
    public var logger: Logger

    public init(
        retry: RetryPolicy = RetryPolicy(), transport: CurlTransport.Options = .init(),
        onRequest: (@Sendable (RequestEvent) -> Void)? = nil, onKeyFailover: (@Sendable () -> Void)? = nil,
        logger: Logger = Logger(label: "crmkit.client", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.retry = retry
        self.transport = transport
        self.onRequest = onRequest
        self.onKeyFailover = onKeyFailover
        self.logger = logger
    }
}
