/// Byte-level helpers shared by the syntax checks. The checks run on every field of every record
/// of an import (hundreds of thousands a second), so they scan UTF-8 bytes instead of building
/// `Character`s or regular expressions.
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
    static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// The value of `count` decimal digits at `start`, or nil when one of them is not a digit.
    static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - 0x30)
        }
        return value
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks; returns `self` when there are none.
    func trimmedWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last,
            ASCII.isWhitespace(first) || ASCII.isWhitespace(last)
        else { return self }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, ASCII.isWhitespace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, ASCII.isWhitespace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(self[start..<end])
    }

    /// The number of characters, counted cheaply when the text is short in bytes already.
    func characterCount(atMost limit: Int) -> Bool {
        utf8.count <= limit || count <= limit
    }

    /// `lowercased()`, but the text itself when there is nothing to lower (ASCII without
    /// capitals, as most e-mail addresses, match keys and map keys are), saving a new string.
    public func lowercasedUnlessLower() -> String {
        // Scanned through the contiguous bytes of a native string (every string a reader or
        // transform makes): iterating the UTF-8 view byte by byte cost as much as the rest.
        let hasUpper =
            utf8.withContiguousStorageIfAvailable { bytes in
                bytes.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }
            } ?? utf8.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }
        return hasUpper ? lowercased() : self
    }
}
