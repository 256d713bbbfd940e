import Foundation
import Synchronization

/// The libcurl transport. At most `maxConcurrentRequests` requests are in flight (the others wait
/// without holding a thread); all of them run on one driver thread through a curl multi handle,
/// which keeps connections alive between requests.
public final class CurlTransport: HTTPTransport {
    public struct Options: Sendable {
        public var maxConcurrentRequests: Int
        public var connectTimeoutMilliseconds: Int
        /// The whole exchange, connection included.
        public var totalTimeoutMilliseconds: Int
        public var userAgent: String

        public init(
            maxConcurrentRequests: Int = 8, connectTimeoutMilliseconds: Int = 10_000,
            totalTimeoutMilliseconds: Int = 60_000, userAgent: String = CRMClientVersion.userAgent
        ) {
            self.maxConcurrentRequests = maxConcurrentRequests
            self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
            self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
            self.userAgent = userAgent
        }
    }

    public let options: Options
    private let slots: AsyncSemaphore
    private let driver: CurlMultiDriver?

    public init(options: Options = Options()) {
        self.options = options
        self.slots = AsyncSemaphore(value: max(1, options.maxConcurrentRequests))
        self.driver = CurlMultiDriver(maxConnections: max(1, options.maxConcurrentRequests))
    }

    deinit { driver?.shutdown() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let driver else {
            throw TransportError(
                code: -1, message: "libcurl could not be initialised", requestMayHaveBeenSent: false, isTimeout: false)
        }
        await slots.wait()
        defer { slots.signal() }
        let options = self.options
        let pending = Mutex<CurlTransfer?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let transfer = CurlTransfer(request: request, options: options) { result in
                    continuation.resume(with: result)
                }
                pending.withLock { $0 = transfer }
                if Task.isCancelled { transfer.cancel() }
                driver.submit(transfer)
            }
        } onCancel: {
            pending.withLock { $0?.cancel() }
            driver.wake()
        }
    }
}
