/// A person's name split into the parts comparison needs, all folded to lower-case ASCII.
public struct NormalizedPersonName: Sendable, Hashable, Codable {
    public var given: String
    /// Middle names and initials, kept so "J. Robert Smith" can still match "John Smith".
    public var middle: [String]
    public var family: String
    public var titles: [String]
    public var suffixes: [String]
    /// The formal form of `given` ("bill" → "william"), used for blocking.
    public var canonicalGiven: String { NicknameTable.canonical(given) }
    /// True when `given` is a single letter, so only its initial can be compared.
    public var givenIsInitial: Bool { given.count == 1 }
}

/// Normalises person names: case, accents, titles (Mr, Dr…), generational and professional
/// suffixes (Jr, III, PhD…), "Family, Given" order, initials and particles.
public struct PersonNameNormalizer: Sendable {
    public static let titles: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord",
        "rev", "reverend", "fr", "father", "sr", "sister", "hon", "capt", "captain", "col", "gen",
        "lt", "maj", "sgt", "herr", "frau", "mme", "mlle", "m", "sra", "sr", "don", "dona",
    ]
    public static let suffixes: Set<String> = [
        "jr", "junior", "sr", "senior", "ii", "iii", "iv", "v", "vi", "phd", "md", "dds", "esq",
        "mba", "cpa", "rn", "pe", "jd", "obe", "mbe", "cbe", "kc", "qc",
    ]

    /// Suffixes that tell a parent from a child of the same name.
    public static let generationalSuffixes: Set<String> = [
        "jr", "junior", "sr", "senior", "ii", "iii", "iv", "v", "vi",
    ]

    public init() {}

    /// From separate given and family fields (either may be missing or hold the whole name).
    public func normalize(given: String?, family: String?) -> NormalizedPersonName {
        let givenTokens = tokens(given ?? "")
        let familyTokens = tokens(family ?? "")
        if familyTokens.isEmpty, !givenTokens.isEmpty, given?.contains(",") == true {
            return normalize(fullName: given ?? "")
        }
        if givenTokens.isEmpty, familyTokens.count > 1, family?.contains(",") == true {
            return normalize(fullName: family ?? "")
        }
        var name = NormalizedPersonName(given: "", middle: [], family: "", titles: [], suffixes: [])
        var rest = stripTitlesAndSuffixes(givenTokens, into: &name)
        if let first = rest.first {
            name.given = first
            rest.removeFirst()
            name.middle = rest
        }
        name.family = stripTitlesAndSuffixes(familyTokens, into: &name).joined()
        return name
    }

    /// From one string: "Dr. Mary-Ann O'Neil Jr", "O'Neil, Mary-Ann", "SMITH John" is read as
    /// given-first (the comparator tries the swapped order anyway).
    public func normalize(fullName: String) -> NormalizedPersonName {
        var name = NormalizedPersonName(given: "", middle: [], family: "", titles: [], suffixes: [])
        if let comma = fullName.firstIndex(of: ",") {
            let familyPart = tokens(String(fullName[..<comma]))
            let givenPart = tokens(String(fullName[fullName.index(after: comma)...]))
            let familyClean = stripTitlesAndSuffixes(familyPart, into: &name)
            var givenClean = stripTitlesAndSuffixes(givenPart, into: &name)
            // "Smith, Jr" is a suffix after a comma, not a given name.
            if !givenClean.isEmpty || familyClean.count <= 1 {
                name.family = familyClean.joined()
                if let first = givenClean.first {
                    name.given = first
                    givenClean.removeFirst()
                    name.middle = givenClean
                }
                return name
            }
        }
        var parts = stripTitlesAndSuffixes(tokens(fullName), into: &name)
        guard !parts.isEmpty else { return name }
        if parts.count == 1 {
            name.given = parts[0]
            return name
        }
        name.given = parts.removeFirst()
        // Particles belong to the family name: "ludwig van beethoven" → family "vanbeethoven".
        var familyStart = parts.count - 1
        while familyStart > 0, Self.particles.contains(parts[familyStart - 1]) { familyStart -= 1 }
        name.family = parts[familyStart...].joined()
        name.middle = Array(parts[..<familyStart])
        return name
    }

    static let particles: Set<String> = [
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "st", "ter", "ten", "mc", "mac",
        "o", "bin", "al", "el",
    ]

    private func tokens(_ text: String) -> [String] {
        // Hyphens and apostrophes join parts of one name: "Mary-Ann" → "maryann", "O'Neil" → "oneil".
        if let ascii = Self.asciiTokens(text) { return ascii }
        var cleaned = ""
        for character in TextFolding.fold(text) {
            if character == "-" || character == "'" || character == "’" || character == "`" { continue }
            cleaned.append(character.isLetter || character.isNumber ? character : " ")
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    /// Byte-level `tokens` for ASCII names (the common case); `nil` otherwise.
    static func asciiTokens(_ text: String) -> [String]? {
        var tokens: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") { continue }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                current.append(lower)
            } else if !current.isEmpty {
                tokens.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
        return tokens
    }

    private func stripTitlesAndSuffixes(_ tokens: [String], into name: inout NormalizedPersonName) -> [String] {
        var rest = tokens
        while rest.count > 1
            || (rest.count == 1 && Self.titles.contains(rest[0]) && rest[0].count > 1 && !name.given.isEmpty)
        {
            if Self.titles.contains(rest[0]), rest[0].count > 1 {
                name.titles.append(rest.removeFirst())
            } else {
                break
            }
        }
        while rest.count > 1, let last = rest.last, Self.suffixes.contains(last) {
            name.suffixes.insert(rest.removeLast(), at: 0)
        }
        return rest
    }
}
