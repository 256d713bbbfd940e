import CRMSync
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves a review page's three embedded assets and its backend's JSON API; any other path is
/// 404, so nothing outside the reviewed file can be read through it. Who may ask is checked here
/// once for every kind of review (`ReviewAccess`).
///
/// - `GET /`, `/review.js`, `/review.css`: the page.
/// - `/api/...`: the backend's (`MergeReviewAPI`, `ConflictReviewAPI`).
struct ReviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let backend: any ReviewBackend
    let access: ReviewAccess
    /// A page of the list is at most this long, so 10,000 groups never go out at once.
    static let maximumPageSize = 500

    func respond(to request: Request, context: Context) async throws -> Response {
        let tokenInURL: Bool
        do {
            tokenInURL = try access.check(request)
        } catch {
            switch error {
            case .wrongHost: return Self.text(403, "Only http://127.0.0.1 addresses are served.")
            case .otherOrigin: return Self.text(403, "Requests from other sites are refused.")
            case .noToken: return Self.text(401, "Open the address crmkit review printed (it carries the token).")
            }
        }
        let path = request.uri.path
        switch (request.method, path) {
        case (.get, "/"), (.head, "/"):
            var response = Self.asset(backend.html, type: "text/html; charset=utf-8")
            if tokenInURL { response.headers[values: .setCookie].append(access.setCookie) }
            return response
        case (.get, "/review.js"): return Self.asset(backend.script, type: "text/javascript; charset=utf-8")
        case (.get, "/review.css"): return Self.asset(ReviewPage.style, type: "text/css; charset=utf-8")
        default:
            if let response = try await backend.answer(request, path: path) { return response }
            return Self.text(404, "Not found.")
        }
    }

    /// The list filter `decided=yes|no`; nil (either) when absent or anything else.
    static func decided(_ request: Request) -> Bool? {
        switch request.uri.queryParameters["decided"].map(String.init) {
        case "yes": true
        case "no": false
        default: nil
        }
    }

    /// The answer to a decision: what `decide` returns, or its refusal — 404 when it names a group
    /// or conflict that does not exist ("there is no …"), 409 when the decision cannot be taken.
    static func decision(_ decide: () throws -> some Encodable) -> Response {
        do {
            return json(try decide())
        } catch let error as ReviewError {
            return text(error.message.hasPrefix("there is no") ? 404 : 409, error.message)
        } catch {
            return text(500, "\(error)")
        }
    }

    static func int(_ request: Request, _ name: String) -> Int? {
        request.uri.queryParameters[Substring(name)].flatMap { Int(String($0)) }.map { max(0, $0) }
    }

    static func headers(_ type: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        // The page loads only its own script and style and may not be framed by another site.
        if let csp = HTTPField.Name("Content-Security-Policy") {
            headers[csp] =
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        }
        if let nosniff = HTTPField.Name("X-Content-Type-Options") { headers[nosniff] = "nosniff" }
        // The URL carries the token: never pass it on.
        if let referrer = HTTPField.Name("Referrer-Policy") { headers[referrer] = "no-referrer" }
        return headers
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: headers(type), body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(_ status: Int, _ message: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: headers("text/plain; charset=utf-8"),
            body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    static func json(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return text(500, "The answer could not be encoded.") }
        return Response(
            status: .ok, headers: headers("application/json"), body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
