/// Folding whitespace, which every record's name (template rendering, then its match key) and
/// many text fields go through. Most values are already folded, so both paths first check that
/// without building anything and hand back the value itself.
extension String {
    /// Trimmed, with every run of whitespace (including line breaks and no-break spaces) as one space.
    public func foldingWhitespace() -> String {
        var isASCII = true
        if isFoldedASCIIWhitespace(isASCII: &isASCII) { return self }
        if !isASCII { return isFoldedUnicodeWhitespace ? self : foldingWhitespaceOfUnicode() }
        // ASCII text (nearly every value) is folded on its bytes; other text by Characters.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            // The check above stops at the first change, before it may have seen other text.
            if byte >= 0x80 { return isFoldedUnicodeWhitespace ? self : foldingWhitespaceOfUnicode() }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether ASCII text is folded already: no leading, trailing or repeated whitespace, and
    /// none but single spaces. Stops (answering false) at the first non-ASCII byte.
    private func isFoldedASCIIWhitespace(isASCII: inout Bool) -> Bool {
        var previousWasSpace = true  // so that a leading space counts as not folded
        for byte in utf8 {
            if byte >= 0x80 {
                isASCII = false
                return false
            }
            if byte == 0x20 {
                if previousWasSpace { return false }
                previousWasSpace = true
            } else if byte >= 0x09 && byte <= 0x0D {
                return false
            } else {
                previousWasSpace = false
            }
        }
        return !previousWasSpace || isEmpty
    }

    /// Whether text with non-ASCII characters is folded already, judged on its scalars: its only
    /// whitespace single spaces, each between two non-whitespace scalars of which the one after
    /// is ASCII (so the space is a Character of its own, never the start of one with a
    /// combining mark, which the Character-wise fold would drop as whitespace).
    private var isFoldedUnicodeWhitespace: Bool {
        var atStart = true
        var afterSpace = false
        for scalar in unicodeScalars {
            // ASCII is judged on its value; the Unicode properties are looked up only for the rest.
            let isWhitespace =
                scalar.isASCII
                ? (scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D))
                : scalar.properties.isWhitespace
            if isWhitespace {
                if scalar != " " || atStart || afterSpace { return false }
                afterSpace = true
            } else {
                // A mark after a space would make one Character of the two; a cased letter
                // (Å, É, Ö) never joins the Character before it.
                if afterSpace && !scalar.isASCII && !TemplateWhitespaceFolder.isCasedLetter(scalar) { return false }
                afterSpace = false
            }
            atStart = false
        }
        return !afterSpace
    }

    private func foldingWhitespaceOfUnicode() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for character in self {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }
}

/// Folds whitespace while text is appended: a template (`{{First Name}} {{Middle Name}}
/// {{Last Name}}`) is rendered and folded in one pass over its scalars, without joining the parts
/// into a string first and folding that by Characters. Scalar by scalar gives the Character-wise
/// result as long as every whitespace scalar is a Character of its own, which holds when the
/// scalars either side of it are ASCII or cased letters (no mark or joiner can attach to it, no
/// prepended sign can take it in); at anything else it gives up, and the caller folds by
/// Characters instead, so the result is always that of `foldingWhitespace()`.
struct TemplateWhitespaceFolder {
    /// The longest rendering folded here, in a buffer on the stack; longer ones (rare for the
    /// names templates build) go to the Character-wise fold.
    static let capacity = 512
    private var count = 0
    private var pendingSpace = false
    private var lastWasWhitespace = false
    /// The last scalar appended was one that nothing can attach to from either side.
    private var lastStandsAlone = true

    /// The template rendered and folded; "" when all its fields are blank; nil when the text
    /// needs the Character-wise fold.
    mutating func render(_ template: TemplatePlan, _ record: SourceRecord) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.capacity) { out in
            var anyValue = false
            for part in template.parts.indices {
                switch template.parts[part] {
                case .literal(let index):
                    guard append(template.literals[index], to: out) else { return nil }
                case .column(let index):
                    guard let value = template.columns[index].value(in: record), !value.isBlank else {
                        continue
                    }
                    guard append(value, to: out) else { return nil }
                    anyValue = true
                }
            }
            return anyValue ? String(decoding: UnsafeBufferPointer(rebasing: out[..<count]), as: UTF8.self) : ""
        }
    }

    /// Appends `text` folded; false where a scalar might join a whitespace one in a Character,
    /// or where the buffer is full.
    private mutating func append(_ text: String, to out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        var text = text
        // ASCII text (nearly every name) byte by byte, without decoding scalars.
        let ascii: Bool? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            for byte in bytes {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    if !lastWasWhitespace && !lastStandsAlone { return false }
                    pendingSpace = count > 0
                    lastWasWhitespace = true
                    continue
                }
                guard put(byte, to: out) else { return false }
                lastWasWhitespace = false
                lastStandsAlone = true
            }
            return true
        }
        if let ascii { return ascii }
        for scalar in text.unicodeScalars {
            let isASCII = scalar.isASCII
            let isWhitespace =
                isASCII
                ? (scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D))
                : scalar.properties.isWhitespace
            if isWhitespace {
                if !lastWasWhitespace && !lastStandsAlone { return false }
                pendingSpace = count > 0
                lastWasWhitespace = true
                continue
            }
            let standsAlone = isASCII || Self.isCasedLetter(scalar)
            if lastWasWhitespace && !standsAlone { return false }
            var fits = true
            UTF8.encode(scalar) { byte in fits = fits && put(byte, to: out) }
            guard fits else { return false }
            lastWasWhitespace = false
            lastStandsAlone = standsAlone
        }
        return true
    }

    /// Writes a byte, after the space a run of whitespace left pending; false when full.
    private mutating func put(_ byte: UInt8, to out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard count + 2 <= out.count else { return false }
        if pendingSpace {
            out[count] = 0x20
            count += 1
            pendingSpace = false
        }
        out[count] = byte
        count += 1
        return true
    }

    /// Upper-, lower- or title-case letters (Å, é, Ω): never marks, joiners or prepended signs.
    static func isCasedLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter: return true
        default: return false
        }
    }
}
