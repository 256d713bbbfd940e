import CRMClient
import Foundation
import Synchronization

/// A transport that answers from a script instead of the network, and records what was sent.
final class ScriptedTransport: HTTPTransport {
    typealias Answer = Result<HTTPResponse, TransportError>

    private let handler: @Sendable (HTTPRequest, Int) -> Answer
    private let sent = Mutex<[HTTPRequest]>([])

    /// `handler` gets each request and its 0-based index among all sent.
    init(_ handler: @escaping @Sendable (HTTPRequest, Int) -> Answer) {
        self.handler = handler
    }

    /// Answers the scripted responses in order, then repeats the last one.
    convenience init(sequence answers: [Answer]) {
        self.init { _, index in answers[min(index, answers.count - 1)] }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let index = sent.withLock { sent in
            sent.append(request)
            return sent.count - 1
        }
        return try handler(request, index).get()
    }

    var requests: [HTTPRequest] { sent.withLock { $0 } }

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Answer {
        .success(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
    }

    static func dropped(sent: Bool) -> Answer {
        .failure(
            TransportError(
                code: sent ? 52 : 7,
                message: sent ? "Server returned nothing (no headers, no data)" : "Couldn't connect to server",
                requestMayHaveBeenSent: sent, isTimeout: false))
    }
}

/// Records waits instead of sleeping.
final class SleepRecorder: Sendable {
    private let waits = Mutex<[Duration]>([])

    var recorded: [Duration] { waits.withLock { $0 } }

    func policy(maxAttempts: Int = 4) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts, random: { 0.5 },
            sleep: { [self] duration in
                waits.withLock { $0.append(duration) }
            })
    }
}

func makeClient(
    _ transport: ScriptedTransport, key: String = "primary-key", secondary: String? = nil,
    retry: RetryPolicy = SleepRecorder().policy(), onKeyFailover: (@Sendable () -> Void)? = nil
) throws -> CRMClient {
    try CRMClient(
        baseURL: "http://crm.test", apiKey: key, secondaryAPIKey: secondary,
        options: ClientOptions(retry: retry, onKeyFailover: onKeyFailover), transport: transport)
}

extension HTTPRequest {
    func header(_ name: String) -> String? {
        headers.last { $0.name.lowercased() == name.lowercased() }?.value
    }

    var path: String { URLComponents(string: url)?.path ?? url }
}
