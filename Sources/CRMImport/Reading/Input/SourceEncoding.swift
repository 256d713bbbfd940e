import Foundation

/// A text encoding a source file may be in.
public enum SourceEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case utf32LE = "utf-32le"
    case utf32BE = "utf-32be"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"
    case latin9 = "iso-8859-15"
    case latin2 = "iso-8859-2"
    case windows1250 = "windows-1250"
    case windows1251 = "windows-1251"
    case windows1253 = "windows-1253"
    case windows1254 = "windows-1254"
    case windows1257 = "windows-1257"
    case iso88595 = "iso-8859-5"
    case iso88597 = "iso-8859-7"
    case iso88599 = "iso-8859-9"
    case iso885913 = "iso-8859-13"
    case koi8R = "koi8-r"
    case koi8U = "koi8-u"
    case ibm866 = "ibm866"
    case macRoman = "macintosh"
    case macCyrillic = "x-mac-cyrillic"
    case macCentralEurope = "x-mac-ce"
    case iso88593 = "iso-8859-3"
    case iso88594 = "iso-8859-4"
    case iso88596 = "iso-8859-6"
    case iso88598 = "iso-8859-8"
    case iso885910 = "iso-8859-10"
    case iso885916 = "iso-8859-16"
    case windows1255 = "windows-1255"
    case windows1256 = "windows-1256"
    case windows1258 = "windows-1258"
    case ibm852 = "ibm852"
    case ibm855 = "ibm855"
    case tis620 = "tis-620"
    case viscii = "viscii"
    case shiftJIS = "shift_jis"
    case eucJP = "euc-jp"
    case gb18030 = "gb18030"
    case big5 = "big5"
    case eucKR = "euc-kr"
    case iso2022JP = "iso-2022-jp"
    case iso2022KR = "iso-2022-kr"

    /// Parses an encoding name as users and vCard `CHARSET=` parameters write it
    /// (`UTF-8`, `utf8`, `cp1252`, `latin1`, `ISO-8859-1`, `SHIFT_JIS`, `sjis`…).
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-").trimmingCharacters(in: .whitespaces)
        if let e = SourceEncoding(rawValue: n) { self = e; return }
        switch n {
        case "utf8": self = .utf8
        case "utf16le", "utf-16", "utf16", "unicode": self = .utf16LE
        case "utf16be": self = .utf16BE
        case "utf32le", "utf-32", "utf32": self = .utf32LE
        case "utf32be": self = .utf32BE
        case "cp1252", "win-1252", "ansi", "x-cp1252": self = .windows1252
        case "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii": self = .latin1
        case "iso8859-15", "latin9", "latin-9": self = .latin9
        case "iso8859-2", "latin2", "latin-2": self = .latin2
        case "cp1250": self = .windows1250
        case "cp1251": self = .windows1251
        case "cp1253": self = .windows1253
        case "cp1254": self = .windows1254
        case "cp1257": self = .windows1257
        case "iso8859-5", "cyrillic": self = .iso88595
        case "iso8859-7", "greek": self = .iso88597
        case "iso8859-9", "latin5": self = .iso88599
        case "iso8859-13", "latin7": self = .iso885913
        case "koi8r", "koi8": self = .koi8R
        case "koi8u": self = .koi8U
        case "cp866", "866": self = .ibm866
        case "mac", "macroman", "mac-roman", "x-mac-roman": self = .macRoman
        case "maccyrillic", "mac-cyrillic": self = .macCyrillic
        case "mac-centraleurope", "maccentraleurope", "x-mac-centraleurope", "mac-ce": self = .macCentralEurope
        case "iso8859-3", "latin3": self = .iso88593
        case "iso8859-4", "latin4": self = .iso88594
        case "iso8859-6", "arabic", "iso-8859-6-i": self = .iso88596
        case "iso8859-8", "hebrew", "iso-8859-8-i": self = .iso88598
        case "iso8859-10", "latin6": self = .iso885910
        case "iso8859-16", "latin10": self = .iso885916
        case "cp1255": self = .windows1255
        case "cp1256": self = .windows1256
        case "cp1258": self = .windows1258
        case "cp852", "852": self = .ibm852
        case "cp855", "855": self = .ibm855
        case "tis620", "iso-8859-11", "cp874", "windows-874": self = .tis620
        case "shift-jis", "sjis", "shiftjis", "cp932", "ms932", "windows-31j", "x-sjis": self = .shiftJIS
        case "eucjp", "x-euc-jp": self = .eucJP
        case "gb2312", "gbk", "cp936", "euc-cn", "x-gbk": self = .gb18030
        case "big5-hkscs", "cp950", "x-big5": self = .big5
        case "euckr", "cp949", "uhc", "ks-c-5601-1987", "windows-949": self = .eucKR
        default: return nil
        }
    }

    /// True when ASCII bytes mean ASCII characters, so that the syntax of the formats (`,` `;`
    /// `"` CR LF `:` `=`) can be found in the bytes before decoding. (Trail bytes of Shift_JIS,
    /// Big5 and GB18030 can be `\` or `|`: those encodings are transcoded before parsing anyway.)
    public var isASCIICompatible: Bool {
        switch self {
        case .utf16LE, .utf16BE, .utf32LE, .utf32BE: return false
        default: return true
        }
    }

    /// True when the parsers read the file's bytes as they are and decode each value (UTF-8,
    /// windows-1252, ISO-8859-1: the fast path). Every other encoding is transcoded to UTF-8 as
    /// it streams.
    var passesThrough: Bool {
        switch self {
        case .utf8, .windows1252, .latin1: return true
        default: return false
        }
    }

    /// True for the encodings where one byte is one character.
    public var isSingleByte: Bool {
        switch self {
        case .utf8, .utf16LE, .utf16BE, .utf32LE, .utf32BE, .shiftJIS, .eucJP, .gb18030, .big5, .eucKR, .iso2022JP,
            .iso2022KR:
            return false
        default: return true
        }
    }

    /// The glibc iconv name used to decode it: the Microsoft supersets where files in the wild
    /// use them under the standard name (CP932 for Shift_JIS, CP949 for EUC-KR).
    var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        case .utf32LE: return "UTF-32LE"
        case .utf32BE: return "UTF-32BE"
        case .windows1252: return "CP1252"
        case .latin1: return "ISO-8859-1"
        case .latin9: return "ISO-8859-15"
        case .latin2: return "ISO-8859-2"
        case .windows1250: return "CP1250"
        case .windows1251: return "CP1251"
        case .windows1253: return "CP1253"
        case .windows1254: return "CP1254"
        case .windows1257: return "CP1257"
        case .iso88595: return "ISO-8859-5"
        case .iso88597: return "ISO-8859-7"
        case .iso88599: return "ISO-8859-9"
        case .iso885913: return "ISO-8859-13"
        case .koi8R: return "KOI8-R"
        case .koi8U: return "KOI8-U"
        case .ibm866: return "IBM866"
        case .macRoman: return "MACINTOSH"
        case .macCyrillic: return "MAC-CYRILLIC"
        case .macCentralEurope: return "MAC-CENTRALEUROPE"
        case .iso88593: return "ISO-8859-3"
        case .iso88594: return "ISO-8859-4"
        case .iso88596: return "ISO-8859-6"
        case .iso88598: return "ISO-8859-8"
        case .iso885910: return "ISO-8859-10"
        case .iso885916: return "ISO-8859-16"
        case .windows1255: return "CP1255"
        case .windows1256: return "CP1256"
        case .windows1258: return "CP1258"
        case .ibm852: return "IBM852"
        case .ibm855: return "IBM855"
        case .tis620: return "TIS-620"
        case .viscii: return "VISCII"
        case .iso2022JP: return "ISO-2022-JP"
        case .iso2022KR: return "ISO-2022-KR"
        case .shiftJIS: return "CP932"
        case .eucJP: return "EUC-JP"
        case .gb18030: return "GB18030"
        case .big5: return "BIG5-HKSCS"
        case .eucKR: return "CP949"
        }
    }

    /// Decodes bytes of an ASCII-compatible encoding. nil when they are not valid in it
    /// (never silently replaced by U+FFFD).
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .windows1252:
            return SourceEncoding.decodeSingleByte(bytes, table: SourceEncoding.cp1252High)
        case .latin1:
            return SourceEncoding.decodeSingleByte(bytes, table: nil)
        case .utf16LE, .utf16BE, .utf32LE, .utf32BE:
            var t = Transcoder(encoding: self)
            var out: [UInt8] = []
            t.transcode(bytes, final: true, into: &out)
            return t.replacements == 0 ? String(decoding: out, as: UTF8.self) : nil
        default:
            return LegacyTranscoder.decodeStrictly(bytes, from: self)
        }
    }

    public func decode(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// Windows-1252 code points for 0x80…0x9F (the five undefined bytes map to the C1 controls, as
    /// WHATWG does, so every byte decodes).
    static let cp1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D,
        0x017E, 0x0178,
    ]

    static func decodeSingleByte(_ bytes: UnsafeBufferPointer<UInt8>, table: [UInt16]?) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 2)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            var cp = UInt32(b)
            if let table, b < 0xA0 { cp = UInt32(table[Int(b) - 0x80]) }
            appendUTF8(cp, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func appendUTF8(_ cp: UInt32, to out: inout [UInt8]) {
        if cp < 0x80 {
            out.append(UInt8(cp))
        } else if cp < 0x800 {
            out.append(UInt8(0xC0 | (cp >> 6)))
            out.append(UInt8(0x80 | (cp & 0x3F)))
        } else if cp < 0x10000 {
            out.append(UInt8(0xE0 | (cp >> 12)))
            out.append(UInt8(0x80 | ((cp >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (cp & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (cp >> 18)))
            out.append(UInt8(0x80 | ((cp >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((cp >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (cp & 0x3F)))
        }
    }

    // MARK: Detection

    /// How an encoding was chosen.
    public enum Evidence: String, Sendable {
        case forced, byteOrderMark, bytePattern, validUTF8, statistics, fallback
    }

    /// Detects the encoding of a file from its first bytes. Returns the encoding, the length of
    /// its byte-order mark (0 when none) and the evidence.
    public static func detect(_ p: UnsafeBufferPointer<UInt8>, fallback: SourceEncoding, atEOF: Bool)
        -> (SourceEncoding, bomLength: Int, Evidence)
    {
        if let (e, n) = bom(p) { return (e, n, .byteOrderMark) }
        if let e = nullPattern(p) { return (e, 0, .bytePattern) }
        if isValidUTF8(p, allowTruncatedEnd: !atEOF) { return (.utf8, 0, .validUTF8) }
        return (fallback, 0, .fallback)
    }

    static func bom(_ p: UnsafeBufferPointer<UInt8>) -> (SourceEncoding, Int)? {
        let n = p.count
        if n >= 4, p[0] == 0x00, p[1] == 0x00, p[2] == 0xFE, p[3] == 0xFF { return (.utf32BE, 4) }
        if n >= 4, p[0] == 0xFF, p[1] == 0xFE, p[2] == 0x00, p[3] == 0x00 { return (.utf32LE, 4) }
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { return (.utf8, 3) }
        if n >= 2, p[0] == 0xFE, p[1] == 0xFF { return (.utf16BE, 2) }
        if n >= 2, p[0] == 0xFF, p[1] == 0xFE { return (.utf16LE, 2) }
        return nil
    }

    /// UTF-16/32 without a BOM: text that is mostly ASCII has a telltale pattern of zero bytes.
    static func nullPattern(_ p: UnsafeBufferPointer<UInt8>) -> SourceEncoding? {
        let n = min(p.count, 4096) & ~3
        guard n >= 4 else { return nil }
        var z = [0, 0, 0, 0]
        for i in 0..<n where p[i] == 0 { z[i & 3] += 1 }
        let quarter = n / 4
        // UTF-32: three of four bytes zero.
        if z[0] * 10 >= quarter * 9, z[1] * 10 >= quarter * 9, z[2] * 10 >= quarter * 9, z[3] * 10 < quarter * 5 {
            return .utf32BE
        }
        if z[1] * 10 >= quarter * 9, z[2] * 10 >= quarter * 9, z[3] * 10 >= quarter * 9, z[0] * 10 < quarter * 5 {
            return .utf32LE
        }
        let even = z[0] + z[2], odd = z[1] + z[3], half = n / 2
        if even * 10 >= half * 7, odd * 10 < half { return .utf16BE }
        if odd * 10 >= half * 7, even * 10 < half { return .utf16LE }
        return nil
    }

    /// Whether the bytes are valid UTF-8; a sequence cut by the end of the buffer is accepted when
    /// `allowTruncatedEnd`.
    public static func isValidUTF8(_ p: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            if b & 0xE0 == 0xC0 {
                need = 1; cp = UInt32(b & 0x1F); min = 0x80
            } else if b & 0xF0 == 0xE0 {
                need = 2; cp = UInt32(b & 0x0F); min = 0x800
            } else if b & 0xF8 == 0xF0 {
                need = 3; cp = UInt32(b & 0x07); min = 0x10000
            } else {
                return false
            }
            if i + need >= n {
                // Sequence runs past the end.
                if !allowTruncatedEnd { return false }
                for k in (i + 1)..<n where p[k] & 0xC0 != 0x80 { return false }
                return true
            }
            for k in 1...need {
                let c = p[i + k]
                if c & 0xC0 != 0x80 { return false }
                cp = (cp << 6) | UInt32(c & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return false }
            i += need + 1
        }
        return true
    }

    /// The ASCII-range bytes of a prefix, whatever its Unicode encoding (for sniffing formats).
    static func asciiView(of prefix: [UInt8]) -> [UInt8] {
        prefix.withUnsafeBufferPointer { p -> [UInt8] in
            let (enc, bom, _) = detect(p, fallback: .windows1252, atEOF: true)
            if enc.isASCIICompatible { return Array(p[bom...]) }
            var t = Transcoder(encoding: enc)
            var out: [UInt8] = []
            t.transcode(UnsafeBufferPointer(rebasing: p[bom...]), final: false, into: &out)
            return out
        }
    }
}
