import Foundation

/// A request as the transport sends it: an absolute URL, headers in order, an optional body.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data?

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A response: status, headers (names lower-cased; the last of repeated headers wins), body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A failure below HTTP: nothing usable came back.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// libcurl's error code (`CURLcode`).
    public var code: Int
    public var message: String
    /// False only when the request certainly never reached the server (no connection was made);
    /// a non-idempotent request that fails with this true has an unknown outcome.
    public var requestMayHaveBeenSent: Bool
    public var isTimeout: Bool

    public init(code: Int, message: String, requestMayHaveBeenSent: Bool, isTimeout: Bool) {
        self.code = code
        self.message = message
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
        self.isTimeout = isTimeout
    }

    public var description: String { message }

    /// The awaiting task was cancelled; the request may or may not have been sent.
    public static let cancelled = TransportError(
        code: 42 /* CURLE_ABORTED_BY_CALLBACK */, message: "cancelled", requestMayHaveBeenSent: true, isTimeout: false)

    public var isCancellation: Bool { code == 42 && message == "cancelled" }
}

/// Sends HTTP requests. The libcurl transport is the real one; tests may substitute their own.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
