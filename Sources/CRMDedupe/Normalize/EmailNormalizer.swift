/// An e-mail address reduced to the form two records would share if they are the same mailbox.
public struct NormalizedEmail: Sendable, Hashable, Codable {
    public var address: String
    public var localPart: String
    public var domain: String
    /// A mailbox shared by a team (info@, support@…): it identifies an organisation, never a person.
    public var isRoleAddress: Bool
    /// Has a dotted domain; corrupted addresses (`hannah88opowersc@m`) are kept for fuzzy comparison.
    public var isWellFormed: Bool
}

/// Normalises e-mail addresses: case, whitespace, `mailto:`, display-name wrappers and, when asked,
/// plus-addressing and Gmail dots.
public struct EmailNormalizer: Sendable {
    public struct Options: Sendable, Codable, Hashable {
        /// Drop `+tag` from the local part (`ann+crm@x.com` → `ann@x.com`). Off by default: some
        /// providers treat `+` as an ordinary character.
        public var stripPlusTag: Bool = false
        /// Drop dots from Gmail local parts, where they are ignored by the provider.
        public var stripGmailDots: Bool = false
        /// Local parts treated as role addresses, in addition to the built-in list.
        public var extraRoleLocalParts: [String] = []
        public init(stripPlusTag: Bool = false, stripGmailDots: Bool = false, extraRoleLocalParts: [String] = []) {
            self.stripPlusTag = stripPlusTag
            self.stripGmailDots = stripGmailDots
            self.extraRoleLocalParts = extraRoleLocalParts
        }
    }

    public static let roleLocalParts: Set<String> = [
        "info", "support", "sales", "admin", "office", "contact", "hello", "noreply", "no-reply",
        "donotreply", "do-not-reply", "enquiries", "inquiries", "enquiry", "help", "billing",
        "accounts", "accounting", "finance", "hr", "jobs", "careers", "marketing", "press", "media",
        "team", "service", "customerservice", "webmaster", "postmaster", "abuse", "mail", "reception",
        "orders", "feedback", "general", "hostmaster", "security", "privacy", "legal", "mailer-daemon",
    ]

    public var options: Options
    private let roleParts: Set<String>

    public init(options: Options = Options()) {
        self.options = options
        roleParts = Self.roleLocalParts.union(options.extraRoleLocalParts.map { $0.lowercased() })
    }

    /// `nil` when there is nothing that looks like `local@domain`.
    public func normalize(_ raw: String) -> NormalizedEmail? {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(Array(raw.utf8)) }
        return normalizeText(raw)
    }

    /// Trimming punctuation around an address: a copied address often carries the sentence's.
    private static let punctuation: Set<Character> = [".", ",", ";", ":", "'", "\"", "(", ")", "[", "]"]
    private static let punctuationBytes: [UInt8] = Array(".,;:'\"()[]".utf8)

    /// The same steps as `normalizeText` on bytes, for the ASCII addresses that nearly all are:
    /// this runs for every address of every record, and character-by-character string handling
    /// (grapheme breaking, index validation) cost more than everything else in preparing one.
    private func normalizeASCII(_ raw: [UInt8]) -> NormalizedEmail? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        var text = raw[...]
        if let open = text.lastIndex(of: UInt8(ascii: "<")), let close = text.lastIndex(of: UInt8(ascii: ">")),
            open < close
        {
            text = text[(open + 1)..<close]  // "Ann Lee <ann@x.com>"
        }
        var bytes = text.filter { !isSpace($0) }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        if bytes.starts(with: "mailto:".utf8) { bytes.removeFirst(7) }
        if let query = bytes.firstIndex(of: UInt8(ascii: "?")) { bytes.removeSubrange(query...) }
        while let first = bytes.first, Self.punctuationBytes.contains(first) { bytes.removeFirst() }
        while let last = bytes.last, Self.punctuationBytes.contains(last) { bytes.removeLast() }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        var local = Array(bytes[..<at])
        var domain = Array(bytes[(at + 1)...])
        while domain.last == UInt8(ascii: ".") { domain.removeLast() }
        guard !local.isEmpty, !domain.isEmpty else { return nil }
        if domain.elementsEqual("googlemail.com".utf8) { domain = Array("gmail.com".utf8) }
        if options.stripPlusTag, let plus = local.firstIndex(of: UInt8(ascii: "+")), plus != 0 {
            local.removeSubrange(plus...)
        }
        if options.stripGmailDots, domain.elementsEqual("gmail.com".utf8) {
            local.removeAll { $0 == UInt8(ascii: ".") }
        }
        let bareLocal = local.split(separator: UInt8(ascii: "+")).first.map(Array.init) ?? local
        let wellFormed = domain.contains(UInt8(ascii: ".")) && domain.first != UInt8(ascii: ".")
        let localText = String(decoding: local, as: UTF8.self), domainText = String(decoding: domain, as: UTF8.self)
        return NormalizedEmail(
            address: localText + "@" + domainText, localPart: localText, domain: domainText,
            isRoleAddress: roleParts.contains(String(decoding: bareLocal, as: UTF8.self)), isWellFormed: wellFormed)
    }

    private func normalizeText(_ raw: String) -> NormalizedEmail? {
        guard var text = raw.nonBlank else { return nil }
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            text = String(text[text.index(after: open)..<close])  // "Ann Lee <ann@x.com>"
        }
        text = TextFolding.asciiLowercased(text.filter { !$0.isWhitespace })
        if text.hasPrefix("mailto:") { text.removeFirst("mailto:".count) }
        if let query = text.firstIndex(of: "?") { text = String(text[..<query]) }
        while let first = text.first, Self.punctuation.contains(first) { text.removeFirst() }
        while let last = text.last, Self.punctuation.contains(last) { text.removeLast() }
        guard let at = text.lastIndex(of: "@") else { return nil }
        var local = String(text[..<at])
        var domain = String(text[text.index(after: at)...])
        while domain.hasSuffix(".") { domain.removeLast() }
        guard !local.isEmpty, !domain.isEmpty else { return nil }
        if domain == "googlemail.com" { domain = "gmail.com" }
        if options.stripPlusTag, let plus = local.firstIndex(of: "+"), plus != local.startIndex {
            local = String(local[..<plus])
        }
        if options.stripGmailDots, domain == "gmail.com" { local.removeAll { $0 == "." } }
        let bareLocal = local.split(separator: "+").first.map(String.init) ?? local
        let wellFormed = domain.contains(".") && !domain.hasPrefix(".")
        return NormalizedEmail(
            address: local + "@" + domain, localPart: local, domain: domain,
            isRoleAddress: roleParts.contains(bareLocal), isWellFormed: wellFormed)
    }
}

import Foundation
