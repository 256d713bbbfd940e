#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streaming legacy-encoding → UTF-8 transcoder over iconv (Shift_JIS, GB18030, windows-1251…).
///
/// Parsing the transcoded UTF-8 rather than the raw bytes is what makes multi-byte encodings safe:
/// a Shift_JIS or Big5 trail byte can be `\` or `|`, which a byte-level parser would take for
/// syntax. A sequence cut by a chunk boundary is carried over to the next chunk; an invalid byte
/// becomes U+FFFD, is counted, and the output line it landed on is remembered so that the reader
/// can report it with its line (never silently).
final class LegacyTranscoder {
    let encoding: SourceEncoding
    private let cd: iconv_t
    private var carry: [UInt8] = []
    private(set) var replacements = 0
    /// Output lines (1-based, counted by LF) of the replaced bytes, in order; the first 100.
    private(set) var replacementLines: [Int] = []
    private var line = 1

    init?(encoding: SourceEncoding) {
        guard let cd = Self.open(encoding) else { return nil }
        self.encoding = encoding
        self.cd = cd
    }

    deinit { iconv_close(cd) }

    private static func open(_ encoding: SourceEncoding) -> iconv_t? {
        let cd = iconv_open("UTF-8", encoding.iconvName)
        if cd == iconv_t(bitPattern: -1) { return nil }
        return cd
    }

    /// Transcodes `input` (plus the bytes carried over) and appends UTF-8 to `out`.
    func transcode(_ input: UnsafeBufferPointer<UInt8>, final: Bool, into out: inout [UInt8]) {
        if carry.isEmpty {
            run(input, final: final, into: &out)
        } else {
            let joined = carry + Array(input)
            carry.removeAll()
            joined.withUnsafeBufferPointer { run($0, final: final, into: &out) }
        }
    }

    private func run(_ input: UnsafeBufferPointer<UInt8>, final: Bool, into out: inout [UInt8]) {
        guard let start = input.baseAddress, input.count > 0 else { return }
        var countedFrom = out.count
        var inPtr = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        var scratch = [UInt8](repeating: 0, count: max(256, input.count * 3 + 16))
        while inLeft > 0 {
            var produced = 0
            var failure: Int32 = 0
            scratch.withUnsafeMutableBufferPointer { sb in
                guard let outBase = sb.baseAddress else { return }
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(
                    to: CChar.self)
                var outLeft = sb.count
                var inOpt: UnsafeMutablePointer<CChar>? = inPtr
                let rc = iconv(cd, &inOpt, &inLeft, &outPtr, &outLeft)
                if let moved = inOpt { inPtr = moved }
                produced = sb.count - outLeft
                if rc == -1 { failure = errno }
            }
            out.append(contentsOf: scratch[0..<produced])
            switch failure {
            case 0, E2BIG:
                continue
            case EINVAL where !final:
                // A sequence cut by the end of this chunk: finish it with the next one.
                carry = Array(
                    UnsafeBufferPointer(
                        start: UnsafeRawPointer(inPtr).assumingMemoryBound(to: UInt8.self), count: inLeft))
                inLeft = 0
            default:
                // Invalid (or, at the very end, incomplete) bytes: one U+FFFD per byte skipped.
                countLines(in: out, from: &countedFrom)
                replace(into: &out)
                countedFrom = out.count
                inPtr += 1
                inLeft -= 1
                _ = iconv(cd, nil, nil, nil, nil)
            }
        }
        countLines(in: out, from: &countedFrom)
    }

    private func countLines(in out: [UInt8], from start: inout Int) {
        var i = start
        while i < out.count {
            if out[i] == 0x0A { line += 1 }
            i += 1
        }
        start = out.count
    }

    private func replace(into out: inout [UInt8]) {
        replacements += 1
        if replacementLines.count < 100 { replacementLines.append(line) }
        SourceEncoding.appendUTF8(0xFFFD, to: &out)
    }

    /// Decodes a whole value; nil when any byte is not valid in `encoding` (never a silent U+FFFD).
    static func decodeStrictly(_ bytes: UnsafeBufferPointer<UInt8>, from encoding: SourceEncoding) -> String? {
        guard let t = LegacyTranscoder(encoding: encoding) else { return nil }
        var out: [UInt8] = []
        t.transcode(bytes, final: true, into: &out)
        return t.replacements == 0 ? String(decoding: out, as: UTF8.self) : nil
    }

    /// Decodes `bytes` and says how many bytes were invalid; a sequence cut by the end is not
    /// counted unless `atEOF` (a prefix of a file may end in the middle of a character).
    static func decodeCounting(_ bytes: UnsafeBufferPointer<UInt8>, from encoding: SourceEncoding, atEOF: Bool) -> (
        text: [UInt8], invalid: Int
    )? {
        guard let t = LegacyTranscoder(encoding: encoding) else { return nil }
        var out: [UInt8] = []
        t.transcode(bytes, final: atEOF, into: &out)
        return (out, t.replacements)
    }
}

extension SourceEncoding {
    /// `text` encoded in this encoding; nil when a character has no encoding in it.
    public func encode(_ text: String) -> [UInt8]? {
        let cd = iconv_open(iconvName, "UTF-8")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let rc = input.withUnsafeMutableBufferPointer { ib in
            output.withUnsafeMutableBufferPointer { ob in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ib.baseAddress).map {
                    $0.assumingMemoryBound(to: CChar.self)
                }
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress).map {
                    $0.assumingMemoryBound(to: CChar.self)
                }
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            }
        }
        if rc == -1 || inLeft != 0 { return nil }
        return Array(output[0..<(output.count - outLeft)])
    }
}
