/// Puts a street line into one form so that "12 Main St." and "Main Street 12" compare equal:
/// folded, the house number taken out, street-type abbreviations written in full, and a leading
/// or trailing "the" dropped.
public struct StreetAddressNormalizer: Sendable {
    /// Abbreviation → full word, for street types and directions as USPS, Royal Mail and
    /// Australia Post write them.
    public static let abbreviations: [String: String] = [
        "st": "street", "str": "street", "ave": "avenue", "av": "avenue", "blvd": "boulevard", "bvd": "boulevard",
        "rd": "road", "dr": "drive", "ln": "lane", "ct": "court", "pl": "place", "sq": "square", "hwy": "highway",
        "pkwy": "parkway", "cres": "crescent", "cr": "crescent", "tce": "terrace", "ter": "terrace", "pde": "parade",
        "cir": "circle", "cct": "circuit", "way": "way", "mt": "mount", "ft": "fort", "ste": "suite",
        "n": "north", "s": "south", "e": "east", "w": "west", "ne": "northeast", "nw": "northwest",
        "se": "southeast", "sw": "southwest", "fl": "floor",
    ]

    public init() {}

    /// `(number, street)`: the first token made of digits (with an optional letter, "12a") is the
    /// house number when `number` was not given separately.
    public func normalize(_ line: String, number: String?) -> (number: String, street: String) {
        var tokens = TextFolding.tokens(line)
        var found = number.map { TextFolding.foldAlphanumeric($0) } ?? ""
        if found.isEmpty, let index = tokens.firstIndex(where: Self.isHouseNumber) {
            found = tokens.remove(at: index)
        } else if !found.isEmpty, let index = tokens.firstIndex(of: found) {
            tokens.remove(at: index)
        }
        tokens = tokens.map { Self.abbreviations[$0] ?? $0 }
        if tokens.first == "the" { tokens.removeFirst() }
        if tokens.last == "the" { tokens.removeLast() }
        return (found, tokens.joined(separator: " "))
    }

    static func isHouseNumber(_ token: String) -> Bool {
        guard let first = token.first, first.isNumber else { return false }
        return token.count <= 6 && token.dropLast().allSatisfy(\.isNumber)
    }

    /// The most distinctive word of a normalised street (the longest word that is not a street
    /// type), for blocking: "main street" → "main".
    public static func nameWord(_ street: String) -> String {
        street.split(separator: " ").filter { !streetTypes.contains(String($0)) }.max { $0.count < $1.count }.map(
            String.init) ?? ""
    }

    /// The written-out street types ("street", "avenue"…), which never tell two streets apart.
    private static let streetTypes = Set(abbreviations.values)
}
