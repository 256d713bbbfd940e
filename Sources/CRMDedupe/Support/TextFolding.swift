import Foundation

/// Folds free text to lower-case ASCII so that "Schröder", "SCHRÖDER" and "Schroder" compare equal.
///
/// Comparators work on bytes: folding once, up front, keeps the inner loops free of Unicode
/// machinery, which is what lets a million records be compared in seconds.
public enum TextFolding {
    /// Lower-cases, strips diacritics and maps the few Latin letters that have no decomposition
    /// (ß, æ, ø, œ, ł, đ, þ) to their usual ASCII spelling. Non-Latin scripts are kept as they are.
    public static func fold(_ text: String) -> String {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 {
            isASCII = false
            break
        }
        if isASCII { return asciiLowercased(text) }
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x20D0...0x20FF: continue  // combining marks
            default: break
            }
            if let replacement = specialLetters[scalar] {
                out.append(contentsOf: replacement.unicodeScalars)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            }
        }
        return String(out)
    }

    /// Folds, then keeps letters and digits, turning every run of anything else into one space.
    public static func foldAlphanumeric(_ text: String, keeping extra: Set<Character> = []) -> String {
        if extra.isEmpty, let ascii = asciiAlphanumeric(text) { return ascii }
        var out = ""
        var pendingSpace = false
        for character in fold(text) {
            if character.isLetter || character.isNumber || extra.contains(character) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// Whitespace-separated tokens of `foldAlphanumeric`.
    public static func tokens(_ text: String) -> [String] {
        foldAlphanumeric(text).split(separator: " ").map(String.init)
    }

    /// Byte-level `foldAlphanumeric` for ASCII text (the common case); `nil` otherwise.
    static func asciiAlphanumeric(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte >= 0x80 { return nil }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(lower)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func asciiLowercased(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let specialLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
        "ı": "i", "ĳ": "ij", "Ĳ": "ij",
    ]
}

extension String {
    /// Trimmed of whitespace and `nil` when nothing is left: the engine's notion of "missing".
    var nonBlank: String? {
        let bytes = utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        if let first = bytes.first, let last = bytes.last, first < 0x80, last < 0x80 {
            // ASCII ends: trim bytes without Foundation (this runs for every field of every record).
            guard let start = bytes.firstIndex(where: { !isSpace($0) }) else { return nil }
            guard let end = bytes.lastIndex(where: { !isSpace($0) }) else { return nil }
            if start == bytes.startIndex && end == bytes.index(before: bytes.endIndex) { return self }
            return String(Substring(bytes[start...end]))
        }
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
