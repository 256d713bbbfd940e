/// Something the decoding layer has to tell the user: the encoding it chose when it was not sure,
/// bytes it replaced. The reader turns it into a read issue.
struct TextNote {
    var message: String
    var hint: String
    var kind: ReadIssueKind
    /// The line it is about (of the decoded text), when known.
    var line: Int?
}

/// The decoding layer over `ByteInput`: detects the encoding on the first chunk (a bounded
/// prefix), strips the BOM, and yields bytes the parsers can scan for ASCII syntax. UTF-8,
/// windows-1252 and ISO-8859-1 pass through unchanged and their fields are decoded with
/// `encoding`; every other encoding is transcoded to UTF-8 as it streams.
final class TextInput {
    let input: ByteInput
    /// The encoding of the bytes this yields: `.utf8` for transcoded input, else the file's.
    private(set) var encoding: SourceEncoding
    /// The file's own encoding as detected or forced.
    let fileEncoding: SourceEncoding
    let evidence: SourceEncoding.Evidence
    /// The detection's outcome (nil when the encoding was forced).
    let guess: EncodingGuess?
    let fallback: SourceEncoding
    private var transcoder: Transcoder?
    private var legacy: LegacyTranscoder?
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var rawChunk: UnsafeMutablePointer<UInt8>
    private var eof = false
    private var reportedReplacements = 0
    /// Notes about the whole input for the reader to report (encoding guesses, replacements).
    var notes: [TextNote] = []
    /// The first bytes (after the BOM) as yielded, for sniffing.
    private(set) var prefix: [UInt8] = []
    /// True when the input holds no byte at all.
    let isEmpty: Bool
    /// What the first bytes look like when they are binary data, not text (see `BinarySniffer`).
    let binaryContent: String?

    init(input: ByteInput, forced: SourceEncoding?, fallback: SourceEncoding, noteFallback: Bool = true) throws {
        self.input = input
        self.fallback = fallback
        rawChunk = .allocate(capacity: ByteInput.chunkSize)
        var first = [UInt8]()
        // Fill the first chunk completely (a pipe may return short reads).
        while first.count < ByteInput.chunkSize {
            let n = try input.read(into: rawChunk, count: ByteInput.chunkSize - first.count)
            if n == 0 { eof = true; break }
            first.append(contentsOf: UnsafeBufferPointer(start: rawChunk, count: n))
        }
        isEmpty = first.isEmpty
        let atEOF = eof
        // A forced encoding needs no detection, only a look for a BOM that agrees with it.
        let detected = first.withUnsafeBufferPointer { p -> EncodingGuess in
            if let forced {
                let bom = SourceEncoding.bom(p)
                return EncodingGuess(
                    encoding: bom?.0 ?? forced, bomLength: bom?.1 ?? 0, evidence: bom == nil ? .forced : .byteOrderMark,
                    confidence: .certain, alternatives: [], reason: "given")
            }
            return EncodingDetector.detect(p, atEOF: atEOF, fallback: fallback)
        }
        let wide = (forced.map { !$0.isASCIICompatible } ?? false) || !detected.encoding.isASCIICompatible
        binaryContent = BinarySniffer.describe(first, unicodeWide: wide)
        var bomLength = detected.bomLength
        if let forced {
            fileEncoding = forced
            evidence = .forced
            guess = nil
            // Strip a BOM only when it agrees with the forced encoding.
            if !(detected.evidence == .byteOrderMark && detected.encoding == forced) { bomLength = 0 }
        } else {
            fileEncoding = detected.encoding
            evidence = detected.evidence
            guess = detected
            // A vCard reader decodes windows-1252 and ISO-8859-1 value by value (CHARSET, then
            // UTF-8, then the fallback, each fallback reported): only a transcoded file is its news.
            if evidence == .statistics || evidence == .fallback, noteFallback || !detected.encoding.passesThrough {
                notes.append(Self.detectionNote(detected))
            }
        }
        let body = Array(first[bomLength...])
        if !fileEncoding.isASCIICompatible {
            var t = Transcoder(encoding: fileEncoding)
            var out: [UInt8] = []
            body.withUnsafeBufferPointer { t.transcode($0, final: atEOF, into: &out) }
            transcoder = t
            pending = out
            encoding = .utf8
        } else if !fileEncoding.passesThrough, let t = LegacyTranscoder(encoding: fileEncoding) {
            var out: [UInt8] = []
            body.withUnsafeBufferPointer { t.transcode($0, final: atEOF, into: &out) }
            legacy = t
            pending = out
            encoding = .utf8
        } else {
            encoding = fileEncoding
            pending = body
        }
        prefix = Array(pending.prefix(4096))
        checkReplacements()
    }

    deinit { rawChunk.deallocate() }

    /// The file's first line, shortened and with control characters shown as `?` (for errors
    /// that say what a file looked like).
    var firstLineShown: String {
        var line = prefix.prefix { $0 != 0x0A && $0 != 0x0D }.prefix(60).map { $0 < 0x20 ? UInt8(ascii: "?") : $0 }
        if line.isEmpty { line = Array("(a blank line)".utf8) }
        return "\"" + String(decoding: line, as: UTF8.self) + "\""
    }

    /// Says which encoding was chosen and how sure detection is. Only a low confidence is lossy:
    /// the values may be garbled, and the user must look.
    static func detectionNote(_ g: EncodingGuess) -> TextNote {
        let others =
            g.alternatives.isEmpty ? "" : "; also possible: \(g.alternatives.map(\.rawValue).joined(separator: ", "))"
        if g.evidence == .fallback || g.confidence == .low {
            return TextNote(
                message:
                    "the file is not valid UTF-8 and its encoding is uncertain: read as \(g.encoding.rawValue) "
                    + "(low confidence: \(g.reason)\(others)); values may be garbled",
                hint: "check the values, and give --encoding to read it in another encoding", kind: .altered, line: 1)
        }
        return TextNote(
            message:
                "the file is not UTF-8: read as \(g.encoding.rawValue) "
                + "(\(g.confidence.rawValue) confidence: \(g.reason)\(others))",
            hint: "give --encoding to read it in another encoding", kind: .notice, line: 1)
    }

    private func checkReplacements() {
        if let t = transcoder, t.replacements > reportedReplacements {
            notes.append(
                TextNote(
                    message:
                        "\(t.replacements - reportedReplacements) invalid "
                        + "\(fileEncoding.rawValue) code unit(s) replaced by U+FFFD",
                    hint: "use --encoding to say which encoding the file is in", kind: .altered, line: nil))
            reportedReplacements = t.replacements
        }
        if let t = legacy, t.replacements > reportedReplacements {
            let lines = t.replacementLines.dropFirst(min(reportedReplacements, t.replacementLines.count))
            var seen = Set<Int>()
            for l in lines where seen.insert(l).inserted {
                notes.append(
                    TextNote(
                        message: "bytes not valid in \(fileEncoding.rawValue) replaced by U+FFFD",
                        hint: "use --encoding to say which encoding the file is in", kind: .altered, line: l))
            }
            if lines.isEmpty {
                notes.append(
                    TextNote(
                        message:
                            "\(t.replacements - reportedReplacements) byte(s) not "
                            + "valid in \(fileEncoding.rawValue) replaced by U+FFFD",
                        hint: "use --encoding to say which encoding the file is in", kind: .altered, line: nil))
            }
            reportedReplacements = t.replacements
        }
    }

    /// Reads up to `count` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        while true {
            if pendingOffset < pending.count {
                let n = min(count, pending.count - pendingOffset)
                pending.withUnsafeBufferPointer { p in buffer.update(from: p.baseAddress! + pendingOffset, count: n) }
                pendingOffset += n
                if pendingOffset == pending.count { pending.removeAll(keepingCapacity: true); pendingOffset = 0 }
                return n
            }
            if eof { return 0 }
            if transcoder == nil && legacy == nil {
                let n = try input.read(into: buffer, count: count)
                if n == 0 { eof = true }
                return n
            }
            let n = try input.read(into: rawChunk, count: ByteInput.chunkSize)
            if n == 0 { eof = true }
            let chunk = UnsafeBufferPointer(start: rawChunk, count: n)
            if let legacy {
                legacy.transcode(chunk, final: n == 0, into: &pending)
            } else if var t = transcoder {
                t.transcode(chunk, final: n == 0, into: &pending)
                transcoder = t
            }
            checkReplacements()
        }
    }
}

/// A growable byte window over a `TextInput` that parsers scan with raw pointers.
/// `base[start..<end]` holds unconsumed bytes; `refill` keeps bytes from `keepFrom` on.
final class ScanBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var end = 0
    private(set) var atEOF = false
    let text: TextInput

    init(text: TextInput) {
        self.text = text
        capacity = ByteInput.chunkSize * 2
        base = .allocate(capacity: capacity + 1)
    }

    deinit { base.deallocate() }

    /// Moves the bytes from `keepFrom` to the front and reads at least `minimum` more bytes (or
    /// up to EOF). Returns the shift applied to positions (subtract it from saved positions).
    @discardableResult
    func refill(keepFrom: Int, minimum: Int = ByteInput.chunkSize) throws -> Int {
        let keep = end - keepFrom
        if keepFrom > 0 {
            if keep > 0 { base.update(from: base + keepFrom, count: keep) }
            end = keep
        }
        let want = max(minimum, ByteInput.chunkSize)
        if end + want > capacity {
            var newCap = capacity
            while end + want > newCap { newCap *= 2 }
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap + 1)
            nb.update(from: base, count: end)
            base.deallocate()
            base = nb
            capacity = newCap
        }
        var got = 0
        while got < want && !atEOF {
            let n = try text.read(into: base + end, count: capacity - end)
            if n == 0 { atEOF = true; break }
            end += n
            got += n
        }
        base[end] = 0
        return keepFrom
    }
}
