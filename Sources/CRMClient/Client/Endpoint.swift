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
        guard !Self.isBlank(id) else {
            throw CRMError.invalidArgument(
                "\(method.rawValue) \(template): the id is empty; pass the id of an existing record.")
        }
        self.path = Self.filling(template, with: APIRequester.percentEncode(id))
    }

    /// True when `text` is empty or only whitespace as `CharacterSet.whitespaces` has it (general
    /// category Zs, and tab), checked without Foundation: it runs on every request with an id.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// `template` with every `{id}` replaced by `id`, by a scan of its UTF-8 bytes rather than
    /// Foundation's `replacingOccurrences` (templates are ASCII paths, so bytes suffice).
    static func filling(_ template: String, with id: String) -> String {
        let placeholder = Array("{id}".utf8)
        let bytes = Array(template.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + id.utf8.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == placeholder[0], bytes[index...].starts(with: placeholder) {
                result.append(contentsOf: id.utf8)
                index += placeholder.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    var isIdempotent: Bool { method != .POST }

    var request: RequestDescription { RequestDescription(method: method.rawValue, path: path) }
}
