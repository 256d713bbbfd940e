/// The API's e-mail rule (api-notes, `email`): `local@domain`, at most 254 characters; a local part
/// of 1–64 characters without spaces or `@`; a domain of at least two dot-separated labels of
/// ASCII letters, digits and `-` (not at a label's ends), the last label two or more letters.
/// Deliberately simpler than RFC 5322: it accepts what CRMs hold and refuses typical typos.
public enum EmailSyntax {
    public static func isValid(_ text: String) -> Bool {
        // Checked on the string's own UTF-8 storage: copying it into an array first cost an
        // allocation per address, on every e-mail of every record of an import.
        var text = text
        return text.withUTF8(isValid(bytes:))
    }

    private static func isValid(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 254, let at = bytes.firstIndex(of: 0x40) else { return false }
        // The local part's limit is in characters; only non-ASCII text needs counting them.
        guard at >= 1, at <= 64 || String(decoding: bytes[..<at], as: UTF8.self).count <= 64 else { return false }
        for index in 0..<at where ASCII.isWhitespace(bytes[index]) { return false }
        var labelStart = at + 1
        var labels = 0
        var lastLabelAllLetters = true
        var index = labelStart
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x2E {
                let length = index - labelStart
                guard length > 0, bytes[labelStart] != 0x2D, bytes[index - 1] != 0x2D else { return false }
                labels += 1
                lastLabelAllLetters = length >= 2 && bytes[labelStart..<index].allSatisfy(ASCII.isLetter)
                labelStart = index + 1
            } else {
                let byte = bytes[index]
                guard ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == 0x2D else { return false }
            }
            index += 1
        }
        return labels >= 2 && lastLabelAllLetters
    }
}
