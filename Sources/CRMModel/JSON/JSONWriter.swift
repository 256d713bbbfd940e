/// Compact JSON text for `JSONValue`, written by hand: the sandbox answers every request with it,
/// the client sends every body with it, and import plans and journals hold one document per step;
/// it is several times faster than `JSONEncoder`. Object keys are sorted (stable documents,
/// readable diffs, deterministic tests).
public enum JSONWriter {
    public static func text(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(value, to: &out)
        return out
    }

    public static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .double(let number):
            if number.isFinite {
                if number.rounded() == number, abs(number) < 1e15 {
                    out += String(Int64(number))
                } else {
                    out += "\(number)"
                }
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

    public static func writeString(_ text: String, to out: inout String) {
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

}
