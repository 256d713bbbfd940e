import CRMSync
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the review page's three embedded assets and the JSON API over the plan; any other
/// path is 404, so nothing outside the plan can be read through it.
///
/// - `GET /`, `/review.js`, `/review.css`: the page.
/// - `GET /api/plan`: file, entity, counts, whether undo is possible.
/// - `GET /api/groups?offset=&limit=&band=&min=&max=&decided=`: a page of the group list.
/// - `GET /api/groups/N`: one group.
/// - `POST /api/decisions` `{"action", "group", "member", "field"}`: decide, save, answer the group.
/// - `POST /api/undo`: undo the last decision, save, answer the group it restored.
struct ReviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let review: MergePlanReview
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
            var response = Self.asset(ReviewPage.html, type: "text/html; charset=utf-8")
            if tokenInURL { response.headers[values: .setCookie].append(access.setCookie) }
            return response
        case (.get, "/review.js"): return Self.asset(ReviewPage.script, type: "text/javascript; charset=utf-8")
        case (.get, "/review.css"): return Self.asset(ReviewPage.style, type: "text/css; charset=utf-8")
        case (.get, "/api/plan"): return Self.json(PlanInfo(review))
        case (.get, "/api/groups"):
            return Self.json(
                review.page(
                    Self.filter(request), offset: Self.int(request, "offset") ?? 0,
                    limit: min(Self.int(request, "limit") ?? 100, Self.maximumPageSize)))
        case (.post, "/api/decisions"):
            return try await decide(request)
        case (.post, "/api/undo"):
            do {
                guard let group = try review.undo() else { return Self.text(409, "There is nothing to undo.") }
                return Self.json(GroupAnswer(group: group, entity: review.entity, canUndo: review.canUndo))
            } catch {
                return Self.text(500, "\(error)")
            }
        default:
            if request.method == .get, path.hasPrefix("/api/groups/"),
                let number = Int(path.dropFirst("/api/groups/".count))
            {
                guard let group = review.group(number) else { return Self.text(404, "There is no group \(number).") }
                return Self.json(GroupAnswer(group: group, entity: review.entity, canUndo: review.canUndo))
            }
            return Self.text(404, "Not found.")
        }
    }

    struct DecisionBody: Decodable {
        var action: String
        var group: Int
        var member: String?
        var field: String?
    }

    func decide(_ request: Request) async throws -> Response {
        // A JSON content type forces a CORS preflight on any cross-site attempt; a form cannot send it.
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            return Self.text(415, "Send decisions as application/json.")
        }
        let body: DecisionBody
        do {
            let buffer = try await request.body.collect(upTo: 64 * 1024)
            body = try JSONDecoder().decode(DecisionBody.self, from: Data(buffer: buffer))
        } catch {
            return Self.text(400, "The decision is not valid JSON with action and group.")
        }
        let decision: ReviewDecision
        switch (body.action, body.member, body.field) {
        case ("accept", _, _): decision = .accept(group: body.group)
        case ("reject", _, _): decision = .reject(group: body.group)
        case ("survivor", let member?, _): decision = .survivor(group: body.group, member: member)
        case ("drop", let member?, _): decision = .drop(group: body.group, member: member)
        case ("keep", let member?, let field?): decision = .keep(group: body.group, field: field, member: member)
        default: return Self.text(400, "Unknown decision \(body.action) (or its member/field is missing).")
        }
        do {
            let group = try review.decide(decision)
            return Self.json(GroupAnswer(group: group, entity: review.entity, canUndo: review.canUndo))
        } catch let error as ReviewError {
            return Self.text(error.message.hasPrefix("there is no group") ? 404 : 409, error.message)
        }
    }

    struct PlanInfo: Encodable {
        var file: String
        var entity: String
        var groups: Int
        var canUndo: Bool
        init(_ review: MergePlanReview) {
            file = review.path
            entity = review.entity
            groups = review.groupCount
            canUndo = review.canUndo
        }
    }

    struct GroupAnswer: Encodable {
        var group: MergePlan.Group
        var entity: String
        var canUndo: Bool
        var pickable = ReviewDecision.pickableFields
    }

    static func filter(_ request: Request) -> ReviewFilter {
        let query = request.uri.queryParameters
        let band = query["band"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let decided: Bool? =
            switch query["decided"].map(String.init) {
            case "yes": true
            case "no": false
            default: nil
            }
        return ReviewFilter(
            band: band, minimumProbability: query["min"].flatMap { Double(String($0)) },
            maximumProbability: query["max"].flatMap { Double(String($0)) }, decided: decided)
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
