/// The API's url rule (api-notes, `url`): at most 2048 characters, no whitespace; `http://` or
/// `https://` and a host, or no scheme and a host (`johndoe.com`, as the reference sends); the
/// host is `localhost` or contains a dot. Other schemes (`ftp:`, `javascript:`, `mailto:`) are
/// refused because a CRM shows these values as clickable links.
public enum URLSyntax {
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, text.characterCount(atMost: 2048), !bytes.contains(where: ASCII.isWhitespace) else {
            return false
        }
        var start = 0
        if hasPrefix(bytes, "http://") {
            start = 7
        } else if hasPrefix(bytes, "https://") {
            start = 8
        }
        var hostEnd = start
        while hostEnd < bytes.count, bytes[hostEnd] != 0x2F, bytes[hostEnd] != 0x3F, bytes[hostEnd] != 0x23 {
            hostEnd += 1
        }
        var host = Array(bytes[start..<hostEnd])
        if let at = host.lastIndex(of: 0x40) {
            // user info is only plausible after an explicit scheme; "mailto:a@b.com" has none.
            guard start > 0 else { return false }
            host = Array(host[(at + 1)...])
        }
        if let colon = host.lastIndex(of: 0x3A) {
            let port = host[(colon + 1)...]
            guard !port.isEmpty, port.allSatisfy(ASCII.isDigit) else { return false }
            host = Array(host[..<colon])
        }
        guard !host.isEmpty, !host.contains(0x3A) else { return false }
        if host.map(ASCII.lower) == Array("localhost".utf8) { return true }
        return host.contains(0x2E) && host.first != 0x2E && host.last != 0x2E
    }

    private static func hasPrefix(_ bytes: [UInt8], _ prefix: String) -> Bool {
        let prefixBytes = Array(prefix.utf8)
        guard bytes.count > prefixBytes.count else { return false }
        for (index, byte) in prefixBytes.enumerated() where ASCII.lower(bytes[index]) != byte { return false }
        return true
    }
}
