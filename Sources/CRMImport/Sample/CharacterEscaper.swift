/// Replaces a few ASCII characters by escape sequences (vCard text, XML text). Most generated
/// values contain none of them, so the bytes are scanned first and such a value is returned as
/// it is, without building a new string.
struct CharacterEscaper: Sendable {
    private let replacements: [Character: String]
    private let specialBytes: Set<UInt8>

    init(_ replacements: [Character: String]) {
        self.replacements = replacements
        self.specialBytes = Set(replacements.keys.compactMap(\.asciiValue))
    }

    func escape(_ text: String) -> String {
        guard text.utf8.contains(where: specialBytes.contains) else { return text }
        var result = ""
        for character in text {
            if let replacement = replacements[character] { result += replacement } else { result.append(character) }
        }
        return result
    }
}
