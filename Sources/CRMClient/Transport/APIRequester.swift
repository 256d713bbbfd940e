import CRMModel
import Foundation

/// Sends one API request: joins the base URL, path and query, adds the key and JSON headers.
/// The typed client builds on it; the sandbox's tests use it directly to send raw requests.
public struct APIRequester: Sendable {
    public var baseURL: String
    public var apiKey: String?
    public var transport: any HTTPTransport

    public static let keyHeader = "Ocp-Apim-Subscription-Key"

    public init(baseURL: String, apiKey: String?, transport: any HTTPTransport = CurlTransport()) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.transport = transport
    }

    /// `query` values are percent-encoded here; pass them raw.
    public func send(
        _ method: String, _ path: String, query: [(String, String)] = [], body: Data? = nil,
        headers extraHeaders: [(name: String, value: String)] = []
    ) async throws -> HTTPResponse {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let apiKey { headers.append((Self.keyHeader, apiKey)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        headers += extraHeaders
        let request = HTTPRequest(method: method, url: url(path: path, query: query), headers: headers, body: body)
        return try await transport.send(request)
    }

    /// Encodes `body` as JSON and sends it.
    public func send<Body: Encodable>(
        _ method: String, _ path: String, query: [(String, String)] = [], json body: Body
    ) async throws -> HTTPResponse {
        try await send(method, path, query: query, body: try JSONEncoder().encode(body))
    }

    public func url(path: String, query: [(String, String)]) -> String {
        var url = baseURL + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.percentEncode($0.0))=\(Self.percentEncode($0.1))" }.joined(separator: "&")
        }
        return url
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    private static let unreserved = CharacterSet(
        charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Text made only of unreserved characters (ids, page numbers: nearly every call) is returned
    /// as it is without going through Foundation; anything else is encoded by it.
    public static func percentEncode(_ text: String) -> String {
        if text.utf8.allSatisfy(isUnreserved) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
