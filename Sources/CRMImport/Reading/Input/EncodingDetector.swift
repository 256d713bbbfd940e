/// How sure a detection is; said to the user whenever the file is not UTF-8.
public enum EncodingConfidence: String, Sendable, Hashable, Codable, Comparable {
    case low, medium, high, certain

    private var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        case .certain: return 3
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// The outcome of encoding detection on a file's first bytes.
public struct EncodingGuess: Sendable, Hashable {
    public var encoding: SourceEncoding
    /// Length of the byte-order mark to skip (0 when none).
    public var bomLength: Int
    public var evidence: SourceEncoding.Evidence
    public var confidence: EncodingConfidence
    /// Other encodings that would read the file differently and scored close (best first).
    public var alternatives: [SourceEncoding]
    /// Why, in words (`valid Shift_JIS; kana and common kanji`).
    public var reason: String
}

/// Detects the encoding of a file from a bounded prefix (the first 64 KiB chunk).
///
/// In order: a byte-order mark; UTF-16/32 from the pattern of zero bytes; valid UTF-8 (which also
/// covers pure ASCII); then, for legacy files, every candidate is scored — the multi-byte ones
/// (Shift_JIS, EUC-JP, EUC-KR, GB18030, Big5) only when every byte sequence is valid in them,
/// by the characters they decode to (`CJKStatistics`); the single-byte ones by the letters they
/// decode to (`LetterStatistics`) — and uchardet's guess adds weight to the candidates that read
/// the file as it does. The best wins; how far ahead it is gives the confidence.
public enum EncodingDetector {
    /// What uchardet's agreement is worth, in score per non-ASCII character.
    static let uchardetWeight = 0.75
    /// Fewer non-ASCII bytes than this and statistics say nothing: the fallback is used.
    static let minimumEvidence = 6

    public static func detect(
        _ p: UnsafeBufferPointer<UInt8>, atEOF: Bool, fallback: SourceEncoding = .windows1252,
        useUchardet: Bool = true
    ) -> EncodingGuess {
        if let (e, n) = SourceEncoding.bom(p) {
            return EncodingGuess(
                encoding: e, bomLength: n, evidence: .byteOrderMark, confidence: .certain, alternatives: [],
                reason: "byte-order mark")
        }
        if let e = SourceEncoding.nullPattern(p) {
            return EncodingGuess(
                encoding: e, bomLength: 0, evidence: .bytePattern, confidence: .high, alternatives: [],
                reason: "the pattern of zero bytes of \(e.rawValue) text")
        }
        if let e = iso2022(p) {
            return EncodingGuess(
                encoding: e, bomLength: 0, evidence: .bytePattern, confidence: .high, alternatives: [],
                reason: "7-bit text with \(e.rawValue) escape sequences")
        }
        if SourceEncoding.isValidUTF8(p, allowTruncatedEnd: !atEOF) {
            return EncodingGuess(
                encoding: .utf8, bomLength: 0, evidence: .validUTF8, confidence: .certain, alternatives: [],
                reason: "valid UTF-8")
        }
        return legacy(p, atEOF: atEOF, fallback: fallback, useUchardet: useUchardet)
    }

    /// ISO-2022-JP/KR: 7-bit text (so also valid UTF-8) that switches character sets with
    /// escape sequences (`ESC $ B`, `ESC $ ) C`).
    static func iso2022(_ p: UnsafeBufferPointer<UInt8>) -> SourceEncoding? {
        var i = 0
        while i + 3 < p.count {
            let b = p[i]
            if b >= 0x80 { return nil }
            if b == 0x1B && p[i + 1] == 0x24 {
                if p[i + 2] == 0x42 || p[i + 2] == 0x40 { return .iso2022JP }
                if p[i + 2] == 0x29 && p[i + 3] == 0x43 { return .iso2022KR }
            }
            i += 1
        }
        return nil
    }

    private struct Candidate {
        var encoding: SourceEncoding
        var score: Double
        /// The decoded prefix (multi-byte) or nil (single-byte: compared through the tables).
        var text: [UInt8]?
        var reason: String
    }

    static func legacy(_ p: UnsafeBufferPointer<UInt8>, atEOF: Bool, fallback: SourceEncoding, useUchardet: Bool)
        -> EncodingGuess
    {
        var present = [Bool](repeating: false, count: 128)
        var nonASCII = 0
        for b in p where b >= 0x80 { present[Int(b) - 0x80] = true; nonASCII += 1 }
        var candidates: [Candidate] = []
        for e in CJKStatistics.candidates {
            guard let (text, invalid) = LegacyTranscoder.decodeCounting(p, from: e, atEOF: atEOF), invalid == 0 else {
                continue
            }
            candidates.append(
                Candidate(
                    encoding: e, score: CJKStatistics.score(text, as: e), text: text, reason: "valid \(e.rawValue)"))
        }
        // A few rows hardly tell a rare sibling (ISO-8859-16) from the common code page
        // (ISO-8859-2): there a rare one wins only on its letters, with no help from uchardet,
        // and does not count as a rival that makes the common one look unsure.
        let runningText = nonASCII >= 200
        for e in LetterStatistics.candidates {
            guard let s = LetterStatistics.score(p, as: e) else { continue }
            candidates.append(Candidate(encoding: e, score: s, text: nil, reason: "letters of its languages"))
        }
        func equivalent(_ a: Candidate, _ b: Candidate) -> Bool {
            if a.encoding == b.encoding { return true }
            if let ta = a.text, let tb = b.text { return ta == tb }
            if a.text != nil || b.text != nil { return false }
            guard let x = LetterStatistics.tables[a.encoding], let y = LetterStatistics.tables[b.encoding] else {
                return false
            }
            for i in 0..<128 where present[i] && x[i] != y[i] { return false }
            return true
        }
        if useUchardet, let u = UchardetOpinion.guess(p) {
            // uchardet's models are made for running text: the more of it, the more its word counts.
            let weight = nonASCII >= 400 ? 2 * uchardetWeight : uchardetWeight
            var reference = candidates.first { $0.encoding == u }
            if reference == nil {
                if u.isSingleByte, LetterStatistics.tables[u] != nil {
                    let guess = Candidate(encoding: u, score: 0, text: nil, reason: "uchardet's guess")
                    reference = guess
                    candidates.append(guess)
                } else if let (text, invalid) = LegacyTranscoder.decodeCounting(p, from: u, atEOF: atEOF), invalid == 0
                {
                    // An encoding crmkit has no statistics of its own for (ISO-8859-4, IBM852,
                    // EUC-TW, windows-1258…): uchardet's language models are the only judge, and
                    // on running text they are good, so there its guess starts ahead.
                    let own = nonASCII >= 200 ? 2 * weight : 0
                    let guess = Candidate(
                        encoding: u, score: own, text: text,
                        reason: "uchardet's guess (crmkit has no statistics for it)")
                    reference = guess
                    candidates.append(guess)
                }
            }
            // On a few rows uchardet often names a rare sibling of the right code page
            // (ISO-8859-16 for Polish in ISO-8859-2): there it backs only the common ones.
            if let reference, runningText || !LetterStatistics.rare.contains(reference.encoding) {
                for i in candidates.indices where equivalent(candidates[i], reference) {
                    candidates[i].score += weight
                    candidates[i].reason += "; uchardet agrees"
                }
            }
        }
        guard var best = candidates.first else {
            return EncodingGuess(
                encoding: fallback, bomLength: 0, evidence: .fallback, confidence: .low, alternatives: [],
                reason: "no encoding reads it as text")
        }
        for c in candidates.dropFirst() where c.score > best.score { best = c }
        let rivals = candidates.filter { c in
            !equivalent(c, best) && (runningText || !LetterStatistics.rare.contains(c.encoding))
        }.sorted { $0.score > $1.score }
        let margin = best.score - (rivals.first?.score ?? -6)
        var confidence: EncodingConfidence
        if best.score >= 1.2 && margin >= 0.6 {
            confidence = .high
        } else if best.score >= 0.6 && margin >= 0.25 {
            confidence = .medium
        } else {
            confidence = .low
        }
        // Too little to go on (one `©` in a file), or nothing plausible: the fallback, said to be a guess.
        if best.score <= 0 || nonASCII < minimumEvidence, let fb = candidates.first(where: { $0.encoding == fallback })
        {
            best = fb
            confidence = .low
        }
        let alternatives = rivals.filter { $0.score >= best.score - 1 }.prefix(3).map(\.encoding)
        return EncodingGuess(
            encoding: best.encoding, bomLength: 0, evidence: .statistics, confidence: confidence,
            alternatives: Array(alternatives), reason: best.reason)
    }
}
