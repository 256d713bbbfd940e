import CRMModel
import Foundation

/// JSON in and out of the sandbox: text by `JSONWriter` (shared with the client), strict parsing
/// of request bodies.
enum JSONText {
    static func serialize(_ value: JSONValue) -> String { JSONWriter.text(value) }

    static func serialize(_ object: JSONObject) -> String { JSONWriter.text(.object(object)) }

    /// Parses a request body. Strict RFC 8259: comments and trailing commas are rejected.
    static func parse(_ data: Data) throws(SandboxError) -> JSONValue {
        do {
            return try JSONParser.parse([UInt8](data))
        } catch {
            throw SandboxError.malformedJSON(error.message)
        }
    }

    /// Parses a request body that must be a JSON object (api-notes #55).
    static func parseObject(_ data: Data) throws(SandboxError) -> JSONObject {
        if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw SandboxError.badRequest("The request needs a JSON object body.")
        }
        guard case .object(let object) = try parse(data) else {
            throw SandboxError.badRequest("The body must be a JSON object ({…}), not an array or a scalar.")
        }
        return object
    }
}
