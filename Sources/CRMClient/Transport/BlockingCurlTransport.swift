import Foundation
import Synchronization

/// The simple alternative to `CurlTransport`: each request blocks a GCD thread in
/// `curl_easy_perform`, with easy handles pooled for keep-alive. Kept so that
/// `crmkit-bench client --transport blocking` can measure what the multi-handle driver saves;
/// `CurlTransport` is the one to use.
public final class BlockingCurlTransport: HTTPTransport {
    public let options: CurlTransport.Options
    private let slots: AsyncSemaphore
    private let idleHandles = Mutex<[CurlEasyHandle]>([])
    private let queue = DispatchQueue(label: "crmkit.curl.blocking", attributes: .concurrent)

    public init(options: CurlTransport.Options = .init()) {
        self.options = options
        self.slots = AsyncSemaphore(value: max(1, options.maxConcurrentRequests))
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        await slots.wait()
        defer { slots.signal() }
        guard let handle = idleHandles.withLock({ $0.popLast() }) ?? CurlEasyHandle() else {
            throw TransportError(
                code: -1, message: "libcurl could not be initialised", requestMayHaveBeenSent: false, isTimeout: false)
        }
        defer { idleHandles.withLock { $0.append(handle) } }
        let options = self.options
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                let transfer = CurlTransfer(request: request, options: options) { _ in }
                continuation.resume(with: handle.perform(transfer))
            }
        }
    }
}
