/// The source formats crmkit reads.
public enum SourceFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case csv
    case vcard
    case xml

    /// The format a file name's extension names, or nil.
    public static func fromExtension(_ path: String) -> SourceFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv", "tsv", "tab", "txt", "psv": return .csv
        case "vcf", "vcard", "vct": return .vcard
        case "xml": return .xml
        default: return nil
        }
    }

    /// The format the first bytes of a file look like (after a BOM and leading whitespace), or nil.
    public static func sniff(_ prefix: [UInt8]) -> SourceFormat? {
        // Decode UTF-16/32 enough to look at ASCII.
        let text = SourceEncoding.asciiView(of: prefix)
        var i = 0
        while i < text.count, text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D { i += 1 }
        let rest = text[i...]
        if rest.first == UInt8(ascii: "<") { return .xml }
        let head = String(decoding: rest.prefix(64), as: UTF8.self).uppercased()
        if head.hasPrefix("BEGIN:VCARD") || head.contains(".BEGIN:VCARD") || head.hasPrefix("VERSION:") {
            return .vcard
        }
        return nil
    }

    /// The extension first, then the content; CSV when nothing else fits.
    public static func detect(path: String, prefix: [UInt8]) -> SourceFormat {
        if let f = fromExtension(path) {
            // A .txt may hold a vCard; trust content over a generic extension.
            if path.lowercased().hasSuffix(".txt"), let s = sniff(prefix) { return s }
            return f
        }
        return sniff(prefix) ?? .csv
    }
}
