/// Reduces a website to its host so "https://www.Acme.com/about?x" and "acme.com" agree.
public enum DomainNormalizer {
    /// `nil` when no plausible host (with a dot) is left.
    public static func normalize(_ raw: String) -> String? {
        var text = TextFolding.asciiLowercased(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if let end = text.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { text = String(text[..<end]) }
        // User:pass@ or an e-mail.
        if let at = text.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
        if let colon = text.firstIndex(of: ":") { text = String(text[..<colon]) }
        while text.hasSuffix(".") { text.removeLast() }
        for prefix in ["www.", "www1.", "www2.", "www3."] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
            break
        }
        guard text.contains("."), !text.hasPrefix("."),
            text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })
        else { return nil }
        return text
    }
}

import Foundation
