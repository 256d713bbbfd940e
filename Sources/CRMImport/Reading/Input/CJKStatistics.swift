/// Scores how plausible a decoding of a Chinese, Japanese or Korean multi-byte file is.
///
/// GB18030 accepts almost any pair of high bytes, and EUC-JP, EUC-KR, GB2312 and Big5 share most
/// of their byte ranges, so a file is often valid in several of them. Each decoding is then judged
/// by the characters it yields: those a text in the encoding's language is made of (kana and the
/// first-level kanji for Japanese, GB2312's first-level hanzi, Big5's frequently-used characters,
/// KS X 1001's Hangul syllables) count for it; the rest (rare ideographs, symbols, kana in a
/// Chinese reading) count against it. The common sets are each standard's own "frequent" level,
/// read from iconv, so no frequency table is shipped.
enum CJKStatistics {
    /// The multi-byte encodings detection considers, in order of preference on a tie. A tie is
    /// one-sided: KS X 1001's Hangul rows fall inside both JIS X 0208's and GB2312's first levels,
    /// and JIS's first level inside GB2312's, so Korean text also scores fully as EUC-JP and
    /// GB18030, and kanji-only Japanese as GB18030, while the reverse is rare (Japanese has kana,
    /// Chinese reaches rows beyond them). Hence EUC-KR, then EUC-JP, then GB18030.
    static let candidates: [SourceEncoding] = [.shiftJIS, .eucKR, .eucJP, .gb18030, .big5]

    private static func decodeRange(_ encoding: SourceEncoding, leads: ClosedRange<UInt8>, trails: [ClosedRange<UInt8>])
        -> Set<UInt32>
    {
        var bytes: [UInt8] = []
        for l in leads { for r in trails { for t in r { bytes.append(l); bytes.append(t) } } }
        guard let t = LegacyTranscoder(encoding: encoding) else { return [] }
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { t.transcode($0, final: true, into: &out) }
        var set = Set<UInt32>()
        for s in String(decoding: out, as: UTF8.self).unicodeScalars where s.value >= 0x80 && s.value != 0xFFFD {
            set.insert(s.value)
        }
        return set
    }

    /// JIS X 0208 level 1 kanji (EUC-JP rows 16–47).
    static let japaneseKanji = decodeRange(.eucJP, leads: 0xB0...0xCF, trails: [0xA1...0xFE])
    /// GB2312 level 1 hanzi.
    static let simplifiedHanzi = decodeRange(.gb18030, leads: 0xB0...0xD7, trails: [0xA1...0xFE])
    /// Big5's frequently-used characters (A440–C67E).
    static let traditionalHanzi = decodeRange(.big5, leads: 0xA4...0xC6, trails: [0x40...0x7E, 0xA1...0xFE])
    /// KS X 1001 Hangul syllables.
    static let hangul = decodeRange(.eucKR, leads: 0xB0...0xC8, trails: [0xA1...0xFE])

    @inline(__always) static func isKana(_ c: UInt32) -> Bool { (c >= 0x3041 && c <= 0x30FF) }
    @inline(__always) static func isHalfwidthKana(_ c: UInt32) -> Bool { c >= 0xFF61 && c <= 0xFF9F }
    @inline(__always) static func isCJKPunctuation(_ c: UInt32) -> Bool {
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E)
    }

    /// The score of `text` (a decoding in `encoding`), per non-ASCII character: about +2 when
    /// every character is one the language uses every day, negative for noise.
    static func score(_ text: [UInt8], as encoding: SourceEncoding) -> Double {
        var total = 0.0
        var count = 0
        for s in String(decoding: text, as: UTF8.self).unicodeScalars where s.value >= 0x80 {
            let c = s.value
            count += 1
            if isCJKPunctuation(c) { total += 0.5; continue }
            switch encoding {
            case .shiftJIS, .eucJP:
                if isKana(c) {
                    total += 2.5
                } else if japaneseKanji.contains(c) {
                    total += 2
                } else if isHalfwidthKana(c) {
                    total += 0.5
                } else {
                    total -= 1
                }
            case .gb18030:
                if simplifiedHanzi.contains(c) { total += 2 } else { total -= 1 }
            case .big5:
                if traditionalHanzi.contains(c) { total += 2 } else { total -= 1 }
            case .eucKR:
                if hangul.contains(c) {
                    total += 2
                } else if c >= 0xAC00 && c <= 0xD7A3 {
                    total += 0.5
                } else {
                    total -= 1
                }
            default:
                total -= 1
            }
        }
        return count == 0 ? 0 : total / Double(count)
    }
}
