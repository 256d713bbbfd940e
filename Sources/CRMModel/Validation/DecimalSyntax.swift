/// The API's numeric-string rule (api-notes, `number`): `-?digits[.digits]`, an optional
/// exponent, surrounding spaces allowed. Parsed into the JSON number the CRM stores: an integer
/// when the text is one and fits, else a double.
public enum DecimalSyntax {
    public static func number(from text: String) -> JSONValue? {
        let trimmed = text.trimmedWhitespace()
        let bytes = Array(trimmed.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == 0x2D { index += 1 }
        let integerStart = index
        while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
        guard index > integerStart else { return nil }
        var isInteger = true
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            let fractionStart = index
            while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return nil }
            isInteger = false
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            let exponentStart = index
            while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { return nil }
            isInteger = false
        }
        guard index == bytes.count else { return nil }
        if isInteger, let integer = Int64(trimmed) { return .integer(integer) }
        guard let double = Double(trimmed), double.isFinite else { return nil }
        return .double(double)
    }

    /// A JSON number, or a numeric string, as the JSON number the CRM stores; nil otherwise.
    public static func number(from json: JSONValue) -> JSONValue? {
        switch json {
        case .integer: return json
        case .double(let value): return value.isFinite ? json : nil
        case .string(let text): return number(from: text)
        default: return nil
        }
    }
}
