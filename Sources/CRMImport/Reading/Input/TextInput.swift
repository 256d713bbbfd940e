/// The decoding layer over `ByteInput`: detects the encoding on the first chunk, strips the BOM,
/// and yields bytes the parsers can scan for ASCII syntax. UTF-16/32 input is transcoded to UTF-8;
/// ASCII-compatible input passes through unchanged and its fields are decoded with `encoding`.
final class TextInput {
    let input: ByteInput
    /// The encoding of the bytes this yields: `.utf8` for transcoded input, else the file's.
    private(set) var encoding: SourceEncoding
    /// The file's own encoding as detected or forced.
    let fileEncoding: SourceEncoding
    let evidence: SourceEncoding.Evidence
    let fallback: SourceEncoding
    private var transcoder: Transcoder?
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var rawChunk: UnsafeMutablePointer<UInt8>
    private var eof = false
    private var reportedReplacements = 0
    /// Notes about the whole input for the reader to report (encoding guesses, replacements).
    var notes: [String] = []
    /// The first bytes (after the BOM) as yielded, for sniffing.
    private(set) var prefix: [UInt8] = []

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
        let atEOF = eof
        let detected = first.withUnsafeBufferPointer { SourceEncoding.detect($0, fallback: fallback, atEOF: atEOF) }
        var bomLength = detected.bomLength
        if let forced {
            fileEncoding = forced
            evidence = .forced
            // Strip a BOM only when it agrees with the forced encoding.
            if !(detected.2 == .byteOrderMark && detected.0 == forced) { bomLength = 0 }
        } else {
            fileEncoding = detected.0
            evidence = detected.2
            if evidence == .fallback && noteFallback {
                notes.append("the file is not valid UTF-8; reading it as \(fallback.rawValue)")
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
        } else {
            encoding = fileEncoding
            pending = body
        }
        prefix = Array(pending.prefix(4096))
        checkReplacements()
    }

    deinit { rawChunk.deallocate() }

    private func checkReplacements() {
        if let t = transcoder, t.replacements > reportedReplacements {
            notes.append("\(t.replacements - reportedReplacements) invalid \(fileEncoding.rawValue) code unit(s) replaced by U+FFFD")
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
            if transcoder == nil {
                let n = try input.read(into: buffer, count: count)
                if n == 0 { eof = true }
                return n
            }
            let n = try input.read(into: rawChunk, count: ByteInput.chunkSize)
            if n == 0 { eof = true }
            transcoder!.transcode(UnsafeBufferPointer(start: rawChunk, count: n), final: n == 0, into: &pending)
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
