/// `replace` with a pattern that is one whole ASCII literal (`^0/0/00$`, Outlook's "no
/// birthday") is asked of nearly every record, and `NSRegularExpression` costs more than the rest
/// of the row. Such a pattern can only match the whole text, so most answers need no regex: the
/// text equal to the literal becomes the replacement, and ASCII text without line breaks (where
/// `$` could also match before a final line break) that differs stays as it is. Anything else
/// still goes to the regex.
extension RegexBox {
    /// The answer without the regex, or nil when the regex must decide.
    func replacingAnchoredLiteral(in text: String, with template: String) -> String? {
        guard let literal = anchoredLiteral,
            !template.utf8.contains(where: { $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "\\") })
        else { return nil }
        if text.utf8.elementsEqual(literal.utf8) { return template }
        guard text.utf8.allSatisfy({ $0 < 0x80 && !(0x0A...0x0D).contains($0) }) else { return nil }
        return text
    }

    /// `L` of a pattern `^L$` whose `L` is ASCII without regex syntax; nil for any other pattern.
    static func anchoredLiteral(of pattern: String) -> Substring? {
        let bytes = pattern.utf8
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "^"), bytes.last == UInt8(ascii: "$") else { return nil }
        let literal = pattern.dropFirst().dropLast()
        let syntax = Set("\\^$.|?*+()[]{}".utf8)
        guard literal.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !syntax.contains($0) }) else { return nil }
        return literal
    }
}
