/// Value-level decoding for vCard: quoted-printable, base64, escapes, structured values.
enum VCardValues {
    /// Decodes quoted-printable bytes (soft line breaks were already joined). Invalid `=XY`
    /// sequences are kept literally.
    static func decodeQuotedPrintable(_ v: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(v.count)
        var i = 0
        while i < v.count {
            let b = v[i]
            if b == UInt8(ascii: "="), i + 2 < v.count,
                let h = hex(v[i + 1]), let l = hex(v[i + 2])
            {
                out.append(h << 4 | l)
                i += 3
                continue
            }
            out.append(b)
            i += 1
        }
        // Trailing whitespace of a quoted-printable line is not data (RFC 2045).
        while let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
        return out
    }

    @inline(__always)
    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    static let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let base64Index: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in base64Alphabet.enumerated() { t[Int(c)] = Int8(i) }
        t[Int(UInt8(ascii: "-"))] = 62  // URL-safe variants
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// Strips whitespace and checks that the text is base64. Returns the clean text (standard
    /// alphabet, padded) and the first bytes of the decoded data, or nil when it is not base64.
    static func cleanBase64(_ s: some Sequence<UInt8>) -> (clean: [UInt8], head: [UInt8])? {
        var clean = [UInt8]()
        var pad = 0
        for b in s {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            if b == UInt8(ascii: "=") { pad += 1; continue }
            if pad > 0 { return nil }  // data after padding
            let v = base64Index[Int(b)]
            if v < 0 { return nil }
            clean.append(base64Alphabet[Int(v)])
        }
        if clean.isEmpty { return nil }
        let rem = clean.count % 4
        if rem == 1 || pad > 2 { return nil }
        if rem != 0 { clean.append(contentsOf: [UInt8](repeating: UInt8(ascii: "="), count: 4 - rem)) }
        // Decode the first 12 bytes for sniffing.
        var head = [UInt8]()
        var acc: UInt32 = 0, bits = 0
        for c in clean.prefix(16) where c != UInt8(ascii: "=") {
            acc = acc << 6 | UInt32(base64Index[Int(c)])
            bits += 6
            if bits >= 8 { bits -= 8; head.append(UInt8((acc >> UInt32(bits)) & 0xFF)) }
        }
        return (clean, head)
    }

    static func mediaType(head: [UInt8], typeParam: [String], property: String) -> String {
        for t in typeParam {
            let u = t.uppercased()
            if u.contains("/") { return t.lowercased() }
            switch u {
            case "JPEG", "JPG": return "image/jpeg"
            case "PNG": return "image/png"
            case "GIF": return "image/gif"
            case "BMP": return "image/bmp"
            case "TIFF": return "image/tiff"
            case "WAVE", "WAV": return "audio/wav"
            case "PGP": return "application/pgp-keys"
            case "X509": return "application/pkix-cert"
            default: continue
            }
        }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if head.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        return "application/octet-stream"
    }

    /// Removes vCard escapes. 3.0/4.0: `\n` `\N` → LF; `\\` `\,` `\;` `\:` → the character; any
    /// other `\x` → `x`. 2.1 keeps unknown escapes (backslash and all).
    static func unescape(_ v: UnsafeBufferPointer<UInt8>, v21: Bool) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(v.count)
        var i = 0
        while i < v.count {
            let b = v[i]
            if b == 0x5C && i + 1 < v.count {
                let n = v[i + 1]
                switch n {
                case UInt8(ascii: "n"), UInt8(ascii: "N"): out.append(0x0A)
                case 0x5C, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): out.append(n)
                default:
                    if v21 { out.append(b) }
                    out.append(n)
                }
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    /// Apple's `_$!<Other>!$_` labels → `Other`.
    static func appleLabel(_ s: String) -> String {
        let bytes = s.utf8
        // ASCII (every label Apple writes) on its bytes, which are then its Characters: counting
        // and cutting Characters costs more than the rest of the card's property.
        if bytes.allSatisfy({ $0 < 0x80 }) {
            guard bytes.count > 8, bytes.starts(with: "_$!<".utf8), bytes.reversed().starts(with: "_$!>".utf8)
            else { return s }
            return String(s.utf8.dropFirst(4).dropLast(4)) ?? s
        }
        if s.hasPrefix("_$!<"), s.hasSuffix(">!$_"), s.count > 8 {
            return String(s.dropFirst(4).dropLast(4))
        }
        return s
    }

    static let nComponents = ["N.family", "N.given", "N.additional", "N.prefix", "N.suffix"]
    static let adrComponents = [
        "ADR.pobox", "ADR.extended", "ADR.street", "ADR.locality", "ADR.region", "ADR.code", "ADR.country",
    ]
    static let genderComponents = ["GENDER.sex", "GENDER.identity"]
}
