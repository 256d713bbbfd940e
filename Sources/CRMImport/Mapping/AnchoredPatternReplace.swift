/// `replace` with a pattern that spells out a whole value of fixed length (`^0[/.]0[/.]00$`,
/// Outlook's "no birthday"; `^n/a$`) is asked of nearly every record, and `NSRegularExpression`
/// costs more than the rest of the row. Such a pattern is one set of allowed bytes per position
/// and can only match the whole text, so most answers need no regex: text it matches becomes
/// the replacement, and ASCII text without line breaks (where `$` could also match before a
/// final line break) that it does not match stays as it is. Anything else still goes to the
/// regex.
struct AnchoredPattern: Sendable, Hashable {
    /// For each position of the text, the bytes allowed there.
    let positions: [ByteSet]

    /// The pattern `^…$` read as positions, or nil when it uses anything beyond ASCII literals,
    /// escaped punctuation, `\d` and bracket classes of characters and ranges.
    init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "^"), bytes.last == UInt8(ascii: "$") else { return nil }
        var positions: [ByteSet] = []
        var i = 1
        let end = bytes.count - 1
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\\") {
                guard i + 1 < end, let set = Self.escaped(bytes[i + 1]) else { return nil }
                positions.append(set)
                i += 2
            } else if b == UInt8(ascii: "[") {
                guard let (set, next) = Self.bracket(bytes, from: i + 1, end: end) else { return nil }
                positions.append(set)
                i = next
            } else {
                guard b >= 0x20, b < 0x7F, !Self.syntax.contains(b) else { return nil }
                positions.append(ByteSet([b]))
                i += 1
            }
        }
        self.positions = positions
    }

    private static let syntax = Set("\\^$.|?*+()[]{}".utf8)

    /// `\d` or an escaped ASCII punctuation character.
    private static func escaped(_ b: UInt8) -> ByteSet? {
        if b == UInt8(ascii: "d") { return ByteSet(Array(UInt8(ascii: "0")...UInt8(ascii: "9"))) }
        let isPunctuation =
            (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b)
            || (0x7B...0x7E).contains(b)
        return isPunctuation ? ByteSet([b]) : nil
    }

    /// A class `[…]` of ASCII characters and ranges (not negated, no escapes): its set and where
    /// the pattern goes on after it.
    private static func bracket(_ bytes: [UInt8], from start: Int, end: Int) -> (ByteSet, Int)? {
        var members: [UInt8] = []
        var i = start
        while i < end, bytes[i] != UInt8(ascii: "]") {
            let b = bytes[i]
            // `&&` is intersection and `[` a nested class in ICU's syntax: left to the regex.
            guard b >= 0x20, b < 0x7F, b != UInt8(ascii: "\\"), b != UInt8(ascii: "["), b != UInt8(ascii: "&"),
                !(i == start && b == UInt8(ascii: "^"))
            else { return nil }
            if i + 2 < end, bytes[i + 1] == UInt8(ascii: "-"), bytes[i + 2] != UInt8(ascii: "]") {
                let high = bytes[i + 2]
                guard high >= b, high < 0x7F, high != UInt8(ascii: "\\") else { return nil }
                members += Array(b...high)
                i += 3
            } else {
                members.append(b)
                i += 1
            }
        }
        guard i < end, !members.isEmpty else { return nil }
        return (ByteSet(members), i + 1)
    }

    /// Whether `text` is one of the values the pattern spells out.
    func matches(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        for set in positions {
            guard let b = utf8.next(), set.contains(b) else { return false }
        }
        return utf8.next() == nil
    }
}

/// A set of ASCII bytes, as two 64-bit masks.
struct ByteSet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ bytes: [UInt8]) {
        for b in bytes where b < 0x80 {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
    }

    func contains(_ b: UInt8) -> Bool {
        b < 64 ? low & (1 << UInt64(b)) != 0 : b < 128 && high & (1 << UInt64(b - 64)) != 0
    }
}

extension RegexBox {
    /// The answer without the regex, or nil when the regex must decide.
    func replacingAnchoredPattern(in text: String, with template: String) -> String? {
        guard let anchored,
            !template.utf8.contains(where: { $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "\\") })
        else { return nil }
        if anchored.matches(text) { return template }
        guard text.utf8.allSatisfy({ $0 < 0x80 && !(0x0A...0x0D).contains($0) }) else { return nil }
        return text
    }
}
