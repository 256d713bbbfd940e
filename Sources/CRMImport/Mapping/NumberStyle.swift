import CRMModel

/// How numbers are written in a source: the decimal separator and the grouping separator
/// (`1.234,56` in German exports, `1 234,56` in French, `1'234.56` in Swiss). Parsing removes
/// grouping, turns the decimal separator into `.`, and yields the JSON number the API stores.
public struct NumberStyle: Sendable, Hashable {
    public var decimal: Character
    public var grouping: Set<Character>

    public init(decimal: Character = ".", grouping: Set<Character> = [","]) {
        self.decimal = decimal
        self.grouping = grouping
    }

    /// The styles of common locales, by language or region code.
    public static func locale(_ code: String) -> NumberStyle? {
        let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]
        switch code.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "en", "en-us", "en-gb", "en-au", "en-ca", "us", "gb", "ja", "zh", "ko", "en-in", "he", "th":
            return NumberStyle(decimal: ".", grouping: [","])
        case "de", "de-de", "de-at", "nl", "es", "it", "pt-br", "pt", "da", "tr", "id", "el", "ro", "hr", "sl":
            return NumberStyle(decimal: ",", grouping: ["."])
        case "fr", "fr-fr", "fr-ca", "sv", "nb", "no", "fi", "ru", "cs", "pl", "sk", "uk", "hu", "bg", "et", "lt", "lv":
            return NumberStyle(decimal: ",", grouping: spaces.union(["."]))
        case "de-ch", "fr-ch", "it-ch", "ch":
            return NumberStyle(decimal: ".", grouping: ["'", "’"])
        default:
            return nil
        }
    }

    func number(from raw: String) throws(TransformFailure) -> JSONValue {
        var canonical = ""
        canonical.reserveCapacity(raw.utf8.count)
        var negative = false
        for character in raw {
            if character == decimal {
                canonical.append(".")
            } else if character.isNumber, character.isASCII {
                canonical.append(character)
            } else if character == "-" || character == "(" || character == "−" {
                negative = true
            } else if grouping.contains(character) || character.isWhitespace || character == "+" || character == ")" {
                continue
            } else {
                throw TransformFailure(
                    reason: .invalidFormat, message: "not a number (unexpected '\(character)')",
                    hint: "say the decimal and grouping separators: number: { decimal: \",\", grouping: \".\" }")
            }
        }
        guard var number = DecimalSyntax.number(from: (negative ? "-" : "") + canonical) else {
            throw TransformFailure(
                reason: .invalidFormat, message: "not a number",
                hint: "say the decimal and grouping separators: number: { decimal: \",\", grouping: \".\" }")
        }
        // `1250.00` is the amount 1250: written as an integer, as a person would.
        if case .double(let double) = number, double.rounded() == double, abs(double) < 9e15 {
            number = .integer(Int64(double))
        }
        return number
    }

    /// `{amount, code}` from text like `$1,234.50`, `1.234,50 EUR` or `1234.5`: an ISO code in
    /// the text wins over `currency`; other currency signs are dropped.
    func money(from raw: String, currency: String?) throws(TransformFailure) -> JSONValue {
        var code = currency
        var letters = ""
        var numeric = ""
        for character in raw {
            if character.isLetter, character.isASCII {
                letters.append(character)
            } else if character.isNumber || character == decimal || grouping.contains(character)
                || "-()−".contains(character) || character.isWhitespace
            {
                numeric.append(character)
            }
        }
        if letters.count == 3 { code = letters.uppercased() }
        guard let code else {
            throw TransformFailure(
                reason: .invalidFormat, message: "no currency in the value and none in the mapping",
                hint: "set money: { currency: USD }")
        }
        return .object(["amount": try number(from: numeric), "code": .string(code)])
    }
}
