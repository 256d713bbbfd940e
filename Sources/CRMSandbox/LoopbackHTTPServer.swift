import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A Hummingbird application running in this process, known by the port it bound: the sandbox
/// and the review page both start one, wait until it listens (so a port of 0 is resolved and
/// callers can print the address), and stop it gracefully.
public struct LoopbackHTTPServer: Sendable {
    public let port: Int
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, Never>

    /// Runs the application `makeApplication` builds (handing it the `onServerRunning` callback
    /// to install) and returns once it listens; throws the server's own error, or
    /// `stoppedBeforeListening()`, when it stops before that.
    public static func start<App: Service>(
        logger: Logger,
        stoppedBeforeListening: @Sendable () -> any Error,
        _ makeApplication: (_ onServerRunning: @escaping @Sendable (any Channel) async -> Void) -> App
    ) async throws -> LoopbackHTTPServer {
        let (portStream, portContinuation) = AsyncStream<Int?>.makeStream()
        let application = makeApplication { channel in
            portContinuation.yield(channel.localAddress?.port)
            portContinuation.finish()
        }
        let serviceGroup = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let failure = Mutex<(any Error)?>(nil)
        let runTask = Task {
            do {
                try await serviceGroup.run()
            } catch {
                failure.withLock { $0 = error }
            }
            portContinuation.finish()
        }
        var boundPort: Int?
        for await port in portStream {
            boundPort = port
            break
        }
        guard let port = boundPort else {
            await runTask.value
            throw failure.withLock { $0 } ?? stoppedBeforeListening()
        }
        return LoopbackHTTPServer(port: port, serviceGroup: serviceGroup, runTask: runTask)
    }

    /// Stops accepting connections, finishes requests in flight, and returns when the server is down.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await runTask.value
    }

    /// Waits until the server stops (after `stop()` or a failure).
    public func waitUntilStopped() async {
        await runTask.value
    }
}
