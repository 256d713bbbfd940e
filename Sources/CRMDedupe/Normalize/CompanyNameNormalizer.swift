/// Normalises organisation names so that "The Acme Company, Inc." and "ACME Co" compare equal:
/// case and accents, punctuation, `&` → "and", a leading "The", and trailing legal forms.
public struct CompanyNameNormalizer: Sendable {
    /// Legal-form tokens (after dots are removed, so "S.A." is "sa"); stripped only from the end,
    /// repeatedly, so "GmbH & Co. KG" and "Pty Ltd" go entirely.
    public static let legalSuffixes: Set<String> = [
        "inc", "incorporated", "llc", "lllp", "llp", "lp", "ltd", "limited", "ltda", "corp",
        "corporation", "co", "company", "plc", "gmbh", "mbh", "ag", "kg", "ohg", "ug", "ev", "sa",
        "sas", "sarl", "sl", "sau", "spa", "srl", "bv", "nv", "vof", "pty", "pte", "pvt", "private",
        "oy", "oyj", "ab", "as", "asa", "aps", "kk", "kft", "zrt", "sro", "doo", "sp", "zoo", "se",
        "cv", "de", "lda", "bhd", "sdn", "pc", "pllc", "and",
    ]

    public init() {}

    public func normalize(_ raw: String) -> String {
        let folded = TextFolding.fold(raw)
        var text = ""
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            // Byte by byte for the ASCII names that nearly all are (the same rules as below).
            var bytes: [UInt8] = []
            bytes.reserveCapacity(folded.utf8.count)
            for byte in folded.utf8 {
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "+"): bytes += " and ".utf8
                case UInt8(ascii: "."), UInt8(ascii: "'"): continue
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    bytes.append(byte)
                default: bytes.append(0x20)
                }
            }
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            text = characterwise(folded)
        }
        var tokens = text.split(separator: " ").map(String.init)
        if tokens.count > 1, tokens[0] == "the" { tokens.removeFirst() }
        while tokens.count > 1, let last = tokens.last, Self.legalSuffixes.contains(last) { tokens.removeLast() }
        return tokens.joined(separator: " ")
    }

    private func characterwise(_ folded: String) -> String {
        var text = ""
        for character in folded {
            switch character {
            case "&", "+": text.append(" and ")
            case ".", "'", "’": continue  // "S.A." → "sa", "McDonald's" → "mcdonalds"
            default: text.append(character.isLetter || character.isNumber ? character : " ")
            }
        }
        return text
    }
}
