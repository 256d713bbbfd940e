import Foundation
import Synchronization

/// The libcurl transport: a bounded number of requests in flight, each on a thread of its own
/// (curl blocks), with easy handles pooled so connections are reused.
public final class CurlTransport: HTTPTransport {
    public struct Options: Sendable {
        public var maxConcurrentRequests: Int
        public var connectTimeoutMilliseconds: Int
        public var totalTimeoutMilliseconds: Int
        public var userAgent: String

        public init(
            maxConcurrentRequests: Int = 8, connectTimeoutMilliseconds: Int = 10_000,
            totalTimeoutMilliseconds: Int = 60_000, userAgent: String = "crmkit"
        ) {
            self.maxConcurrentRequests = maxConcurrentRequests
            self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
            self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
            self.userAgent = userAgent
        }
    }

    public let options: Options
    private let idleHandles = Mutex<[CurlEasyHandle]>([])
    private let slots: AsyncSemaphore
    private let queue = DispatchQueue(label: "crmkit.curl", attributes: .concurrent)

    public init(options: Options = Options()) {
        self.options = options
        self.slots = AsyncSemaphore(value: max(1, options.maxConcurrentRequests))
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        await slots.wait()
        defer { slots.signal() }
        let handle = try takeHandle()
        let options = self.options
        let result: Result<HTTPResponse, TransportError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(TransportError) in
                    try handle.perform(request, options: options)
                })
            }
        }
        idleHandles.withLock { $0.append(handle) }
        return try result.get()
    }

    private func takeHandle() throws -> CurlEasyHandle {
        if let handle = idleHandles.withLock({ $0.popLast() }) { return handle }
        guard let handle = CurlEasyHandle() else {
            throw TransportError(
                code: -1, message: "libcurl could not be initialised", requestMayHaveBeenSent: false, isTimeout: false)
        }
        return handle
    }
}

/// A counting semaphore for async code: waiting suspends the task instead of blocking a thread.
final class AsyncSemaphore: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(value: Int) { state = Mutex(State(available: value)) }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.available > 0 {
                    state.available -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.available += 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume()
    }
}
