import CRMSandbox
import CRMSync
import Hummingbird
import Logging

/// The review page's server: Hummingbird on 127.0.0.1 at a port the system picks.
final class RunningReviewServer: Sendable {
    let token: String
    private let server: LoopbackHTTPServer

    var port: Int { server.port }
    var url: String { "http://127.0.0.1:\(port)/?token=\(token)" }

    private init(token: String, server: LoopbackHTTPServer) {
        self.token = token
        self.server = server
    }

    static func start(_ backend: any ReviewBackend) async throws -> RunningReviewServer {
        var logger = Logger(label: "crmkit.review")
        logger.logLevel = .warning
        let access = ReviewAccess()
        let server = try await LoopbackHTTPServer.start(
            logger: logger,
            stoppedBeforeListening: { ReviewError("the review server stopped before it listened on 127.0.0.1") }
        ) { onServerRunning in
            Application(
                responder: ReviewResponder(backend: backend, access: access),
                configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
                onServerRunning: onServerRunning, logger: logger)
        }
        access.listening(on: server.port)
        return RunningReviewServer(token: access.token, server: server)
    }

    func stop() async {
        await server.stop()
    }
}
