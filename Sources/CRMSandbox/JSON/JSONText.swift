import CRMModel
import Foundation

/// Compact JSON text for `JSONValue`, written by hand: stored documents and responses are
/// produced on every request, and this is several times faster than going through `JSONEncoder`.
enum JSONText {
    static func serialize(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(value, to: &out)
        return out
    }

    static func serialize(_ object: JSONObject) -> String {
        serialize(.object(object))
    }

    static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .double(let number):
            if number.isFinite {
                if number.rounded() == number, abs(number) < 1e15 { out += String(Int64(number)) } else { out += "\(number)" }
            } else {
                out += "null"
            }
        case .string(let text): writeString(text, to: &out)
        case .array(let values):
            out += "["
            var first = true
            for element in values {
                if !first { out += "," }
                first = false
                write(element, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            var first = true
            // Sorted keys: stable documents, readable diffs, deterministic tests.
            for key in members.keys.sorted() {
                guard let member = members[key] else { continue }
                if !first { out += "," }
                first = false
                writeString(key, to: &out)
                out += ":"
                write(member, to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        var needsEscaping = false
        for unit in text.utf8 where unit < 0x20 || unit == 0x22 || unit == 0x5C {
            needsEscaping = true
            break
        }
        if !needsEscaping {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

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
