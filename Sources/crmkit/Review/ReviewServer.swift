import CRMSync
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// The review page's server: Hummingbird on 127.0.0.1 at a port the system picks.
final class RunningReviewServer: Sendable {
    let port: Int
    let token: String
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, Never>

    var url: String { "http://127.0.0.1:\(port)/?token=\(token)" }

    private init(port: Int, token: String, serviceGroup: ServiceGroup, runTask: Task<Void, Never>) {
        self.port = port
        self.token = token
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    static func start(_ review: MergePlanReview) async throws -> RunningReviewServer {
        var logger = Logger(label: "crmkit.review")
        logger.logLevel = .warning
        let access = ReviewAccess()
        let (portStream, portContinuation) = AsyncStream<Int?>.makeStream()
        let application = Application(
            responder: ReviewResponder(review: review, access: access),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port)
                portContinuation.finish()
            },
            logger: logger)
        let serviceGroup = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let failure = Mutex<(any Error)?>(nil)
        let runTask = Task {
            do { try await serviceGroup.run() } catch { failure.withLock { $0 = error } }
            portContinuation.finish()
        }
        var bound: Int?
        for await port in portStream {
            bound = port
            break
        }
        guard let port = bound else {
            await runTask.value
            throw failure.withLock { $0 } ?? ReviewError("the review server stopped before it listened on 127.0.0.1")
        }
        access.listening(on: port)
        return RunningReviewServer(port: port, token: access.token, serviceGroup: serviceGroup, runTask: runTask)
    }

    func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await runTask.value
    }
}
