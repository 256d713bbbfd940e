import CRMModel
import Foundation

/// One concrete request target: the method, the path with its id filled in, and the template it
/// came from (one of `APIOperation.all`'s paths).
struct Endpoint: Sendable {
    let method: APIOperation.Method
    let template: String
    let path: String

    /// `template` holds `{id}` when `id` is given; the id is percent-encoded into the path.
    init(_ method: APIOperation.Method, _ template: String, id: String? = nil) throws {
        self.method = method
        self.template = template
        guard let id else {
            self.path = template
            return
        }
        guard !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CRMError.invalidArgument("\(method.rawValue) \(template): the id is empty; pass the id of an existing record.")
        }
        self.path = template.replacingOccurrences(of: "{id}", with: APIRequester.percentEncode(id))
    }

    var isIdempotent: Bool { method != .POST }

    var request: RequestDescription { RequestDescription(method: method.rawValue, path: path) }
}
