import CRMModel
import Foundation

/// One request as a handler sees it: the operation, the path id, the query and the raw body.
struct APIRequest: Sendable {
    var operation: APIOperation
    var pathId: String?
    var query: QueryParameters
    var body: Data

    /// The path id, which every `{id}` operation has.
    var id: String { pathId ?? "" }

    /// The body as a JSON object (400 for malformed JSON or another JSON type).
    func jsonObject() throws(SandboxError) -> JSONObject {
        try JSONText.parseObject(body)
    }

    /// An optional body (lead convert): empty means `{}`.
    func optionalJSONObject() throws(SandboxError) -> JSONObject {
        body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ? [:] : try jsonObject()
    }
}

/// What a handler answers: a status and JSON text (already serialised, often straight from the
/// database).
struct APIResponse: Sendable {
    var status: Int
    var json: String?

    static func item(_ json: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, json: "{\"item\":\(json)}")
    }

    static func item(_ value: JSONValue, status: Int = 200) -> APIResponse {
        item(JSONText.serialize(value), status: status)
    }

    static func items(_ values: [JSONValue]) -> APIResponse {
        APIResponse(status: 200, json: "{\"items\":\(JSONText.serialize(.array(values)))}")
    }

    static let noContent = APIResponse(status: 204, json: nil)
}

/// Query parameters, decoded; an empty value counts as absent (api-notes #57).
struct QueryParameters: Sendable {
    var values: [String: String]

    subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(SandboxError) -> Int {
        guard let text = self[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw SandboxError.badRequest(
                "Query parameter '\(name)' must be an integer from "
                    + "\(range.lowerBound) to \(range.upperBound), not '\(text)'.",
                field: name)
        }
        return value
    }

    func boolean(_ name: String) throws(SandboxError) -> Bool? {
        guard let text = self[name] else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw SandboxError.badRequest(
                "Query parameter '\(name)' must be true or false, not '\(text)'.", field: name)
        }
    }

    /// A comma-separated list, entries trimmed, empty entries dropped.
    func list(_ name: String) -> [String]? {
        guard let text = self[name] else { return nil }
        let entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return entries.isEmpty ? nil : entries
    }
}
