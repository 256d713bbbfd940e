import Foundation
import Hummingbird

/// What one kind of review adds to the shared server: its page, and its `/api/` answers.
protocol ReviewBackend: Sendable {
    var html: String { get }
    var script: String { get }
    /// The answer to an `/api/` request; nil for a path it does not serve (404).
    func answer(_ request: Request, path: String) async throws -> Response?
}

extension ReviewResponder {
    /// A decision's JSON body, or the answer refusing it. A JSON content type forces a CORS
    /// preflight on any cross-site attempt; a form cannot send it.
    static func decisionBody<Body: Decodable>(_ request: Request, as type: Body.Type) async -> Result<Body, Refused> {
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            return .failure(Refused(response: text(415, "Send decisions as application/json.")))
        }
        do {
            let buffer = try await request.body.collect(upTo: 64 * 1024)
            return .success(try JSONDecoder().decode(Body.self, from: Data(buffer: buffer)))
        } catch {
            return .failure(Refused(response: text(400, "The decision is not valid JSON.")))
        }
    }

    struct Refused: Error {
        var response: Response
    }
}
