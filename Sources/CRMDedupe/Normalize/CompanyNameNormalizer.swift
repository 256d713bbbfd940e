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
        var text = ""
        for character in TextFolding.fold(raw) {
            switch character {
            case "&", "+": text.append(" and ")
            case ".", "'", "’": continue  // "S.A." → "sa", "McDonald's" → "mcdonalds"
            default: text.append(character.isLetter || character.isNumber ? character : " ")
            }
        }
        var tokens = text.split(separator: " ").map(String.init)
        if tokens.count > 1, tokens[0] == "the" { tokens.removeFirst() }
        while tokens.count > 1, let last = tokens.last, Self.legalSuffixes.contains(last) { tokens.removeLast() }
        return tokens.joined(separator: " ")
    }
}
