extension String {
    /// Whether every `Character` is whitespace. Every value of every record is asked this, so
    /// ASCII text is answered on its bytes: an ASCII non-whitespace byte after only ASCII
    /// whitespace always starts a non-whitespace `Character`. The first non-ASCII byte sends
    /// the text to the `Character` check, whose answer this must equal.
    var isBlankText: Bool {
        for byte in utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { continue }
            if byte < 0x80 { return false }
            return allSatisfy(\.isWhitespace)
        }
        return true
    }
}
