import Foundation

/// A streaming vCard 2.1 / 3.0 / 4.0 reader (see docs/readers.md for the field naming).
///
/// Lines are read one at a time with one line of lookahead (for folding and quoted-printable soft
/// line breaks); each card becomes one record. Nested cards (a 2.1 `AGENT:` followed by a
/// `BEGIN:VCARD`) become records of their own.
public struct VCardReader: SourceRecordReader {
    public let file: String
    public let options: ReadOptions
    private let buffer: ScanBuffer
    private var pos = 0
    private var nextLineNumber = 1
    private var started = false

    // One line of lookahead.
    private var peeked: [UInt8] = []
    private var peekedLine = 0
    private var hasPeeked = false
    private var peekedEOF = false

    private var logical: [UInt8] = []
    private var cards: [Card] = []
    private var ready: [ReadEvent] = []
    private var readyIndex = 0
    private var recordNumber = 0
    private var skippingDamaged = false

    private struct Card {
        var line: Int
        var version: String = ""
        var fields: [SourceField] = []
        var bytes = 0
        var errors: [ReadIssue] = []
        var agentFieldIndex: Int? = nil
        var v21: Bool { version == "2.1" }
    }

    public init(path: String, options: ReadOptions = ReadOptions()) throws {
        try self.init(input: ByteInput(path: path), options: options)
    }

    public init(bytes: [UInt8], name: String = "<memory>", options: ReadOptions = ReadOptions()) throws {
        try self.init(input: ByteInput(bytes: bytes, name: name), options: options)
    }

    init(input: ByteInput, options: ReadOptions) throws {
        file = input.path
        self.options = options
        let text = try TextInput(
            input: input, forced: options.encoding, fallback: options.fallbackEncoding, noteFallback: false)
        buffer = ScanBuffer(text: text)
        logical.reserveCapacity(256)
    }

    static let maxProperties = 10_000
    static let maxDepth = 8

    // MARK: Iteration

    public mutating func next() throws -> ReadEvent? {
        if !started {
            started = true
            try buffer.refill(keepFrom: 0)
        }
        while true {
            if readyIndex < ready.count {
                let e = ready[readyIndex]
                readyIndex += 1
                if readyIndex == ready.count { ready.removeAll(keepingCapacity: true); readyIndex = 0 }
                return e
            }
            if !buffer.text.notes.isEmpty {
                for n in buffer.text.notes {
                    issue(.warning, n.message, hint: n.hint, line: n.line ?? nextLineNumber, kind: n.kind)
                }
                buffer.text.notes.removeAll()
                continue
            }
            guard let line = try readLogicalLine() else {
                // End of input: close open cards leniently.
                if cards.isEmpty { return nil }
                while !cards.isEmpty {
                    let c = cards[cards.count - 1]
                    issue(
                        .warning,
                        "the file ends before END:VCARD of the card that starts on line \(c.line); the card is kept",
                        hint: "the file may be truncated", line: c.line)
                    finishCard()
                }
                continue
            }
            try handle(line: line)
        }
    }

    /// The encoding the file was read in.
    public var encoding: SourceEncoding { buffer.text.fileEncoding }
    /// How the encoding was found and how sure that is (nil when `--encoding` forced it).
    public var encodingGuess: EncodingGuess? { buffer.text.guess }

    public func describeNoRecords() -> String {
        if buffer.text.isEmpty { return "the file is empty (0 bytes)" }
        if let what = buffer.text.binaryContent { return "not a text file: \(what)" }
        return "no BEGIN:VCARD card in it (it starts: \(buffer.text.firstLineShown))"
    }

    private mutating func issue(
        _ severity: IssueSeverity, _ message: String, hint: String?, line: Int, kind: ReadIssueKind? = nil,
        field: String? = nil
    ) {
        ready.append(
            .issue(
                ReadIssue(
                    provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1),
                    severity: severity, message: message, hint: hint, kind: kind, field: field)))
    }

    // MARK: Lines

    /// Line ends: LF, CRLF and CR-only; a run of CRs before an LF (`CR CR LF` from
    /// double-converted files) counts as one line end. In a file whose first line end is LF or
    /// CRLF, a bare CR inside a line is data (Thunderbird writes them raw); in a CR-only file it
    /// ends the line.
    private var crOnly: Bool? = nil

    /// Where the first CR or LF at or after `from` is, else `end`. Found with `memchr`, which
    /// compares many bytes at a time, once for LF and once for a CR before it: a line of a vCard
    /// is a few dozen bytes, which a loop reads one by one.
    private static func lineBreak(_ base: UnsafeMutablePointer<UInt8>, from: Int, end: Int) -> Int {
        guard from < end else { return end }
        let start = UnsafeRawPointer(base + from)
        let lf = memchr(start, 0x0A, end - from).map { UnsafeRawPointer($0) - start } ?? end - from
        guard lf > 0, let cr = memchr(start, 0x0D, lf) else { return from + lf }
        return from + (UnsafeRawPointer(cr) - start)
    }

    /// Reads the next physical line into `out` (replacing it).
    private mutating func readPhysical(into out: inout [UInt8]) throws -> Bool {
        outer: while true {
            let base = buffer.base, end = buffer.end
            var p = pos
            while true {
                p = Self.lineBreak(base, from: p, end: end)
                if p >= end { break }
                if base[p] == 0x0A {
                    if crOnly == nil { crOnly = false }
                    out.removeAll(keepingCapacity: true)
                    out.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: p - pos))
                    pos = p + 1
                    return true
                }
                // CR: look past the run of CRs.
                var q = p
                while q < end && base[q] == 0x0D { q += 1 }
                if q >= end && !buffer.atEOF {
                    try buffer.refill(keepFrom: pos, minimum: end - pos + ByteInput.chunkSize)
                    pos = 0
                    continue outer
                }
                if q < end && base[q] == 0x0A {
                    if crOnly == nil { crOnly = false }
                    out.removeAll(keepingCapacity: true)
                    out.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: p - pos))
                    pos = q + 1
                    return true
                }
                if crOnly == nil { crOnly = true }
                if crOnly! {
                    out.removeAll(keepingCapacity: true)
                    out.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: p - pos))
                    pos = p + 1
                    return true
                }
                p = q  // bare CR inside a line: data
            }
            if !buffer.atEOF {
                try buffer.refill(keepFrom: pos, minimum: end - pos + ByteInput.chunkSize)
                pos = 0
                continue
            }
            if p == pos { return false }
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: p - pos))
            pos = p
            return true
        }
    }

    private mutating func nextPhysical(_ out: inout [UInt8]) throws -> Int? {
        if hasPeeked {
            hasPeeked = false
            if peekedEOF { return nil }
            swap(&out, &peeked)
            return peekedLine
        }
        guard try readPhysical(into: &out) else { return nil }
        let n = nextLineNumber
        nextLineNumber += 1
        return n
    }

    private mutating func peek() throws -> Bool {
        if !hasPeeked {
            hasPeeked = true
            var buf: [UInt8] = []
            swap(&buf, &peeked)
            defer { swap(&buf, &peeked) }
            if try readPhysical(into: &buf) {
                peekedEOF = false
                peekedLine = nextLineNumber
                nextLineNumber += 1
            } else {
                peekedEOF = true
            }
        }
        return !peekedEOF
    }

    private var scratchLine: [UInt8] = []

    /// The next logical line (unfolded, quoted-printable soft breaks joined) and its first line number.
    private mutating func readLogicalLine() throws -> (start: Int, count: Int)? {
        var cur: [UInt8] = []
        var tmp: [UInt8] = []
        swap(&cur, &logical)
        swap(&tmp, &scratchLine)
        defer {
            swap(&cur, &logical)
            swap(&tmp, &scratchLine)
        }
        guard let first = try nextPhysical(&cur) else { return nil }
        // Read in place: `cards.last` would copy the open card for one flag.
        let v21 = !cards.isEmpty && cards[cards.count - 1].v21
        while true {
            guard try peek() else { break }
            if cur.last == UInt8(ascii: "="), isQuotedPrintable(cur) {
                // Soft line break, unless the next line is clearly the end of the card.
                if startsWithCardDelimiter(peeked) { break }
                cur.removeLast()
                _ = try nextPhysical(&tmp)
                cur.append(contentsOf: tmp)
                continue
            }
            if let f = peeked.first, f == 0x20 || f == 0x09 {
                _ = try nextPhysical(&tmp)
                cur.append(contentsOf: v21 ? tmp[...] : tmp.dropFirst())
                continue
            }
            // 2.1 base64 without indented continuation lines: lines without ':' until a blank line.
            if v21, !peeked.isEmpty, !peeked.contains(UInt8(ascii: ":")), isBase64Line(cur) {
                _ = try nextPhysical(&tmp)
                cur.append(contentsOf: tmp)
                continue
            }
            break
        }
        return (first, cur.count)
    }

    private func nameSectionEnd(_ l: [UInt8]) -> Int {
        var inQuote = false
        for (i, b) in l.enumerated() {
            if b == 0x22 { inQuote.toggle() } else if b == UInt8(ascii: ":") && !inQuote { return i }
        }
        return l.count
    }

    private func isQuotedPrintable(_ l: [UInt8]) -> Bool {
        let e = nameSectionEnd(l)
        guard e < l.count else { return false }
        return containsIgnoringCase(l[..<e], "QUOTED-PRINTABLE")
    }

    private func isBase64Line(_ l: [UInt8]) -> Bool {
        let e = nameSectionEnd(l)
        guard e < l.count else { return false }
        return containsIgnoringCase(l[..<e], "BASE64")
    }

    private func containsIgnoringCase(_ hay: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return false }
        var i = hay.startIndex
        while i + n.count <= hay.endIndex {
            var ok = true
            for k in 0..<n.count where (hay[i + k] & 0xDF) != (n[k] & 0xDF) { ok = false; break }
            if ok { return true }
            i += 1
        }
        return false
    }

    private func startsWithCardDelimiter(_ l: [UInt8]) -> Bool {
        containsIgnoringCase(l.prefix(16), "END:VCARD") || containsIgnoringCase(l.prefix(20), "BEGIN:VCARD")
    }

    // MARK: Properties

    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Properties that need special handling, recognised from their bytes once.
    enum Kind { case other, version, n, adr, org, gender, list, binary, appleLabel, agent }

    private func kind(_ l: Bytes, _ r: Range<Int>) -> Kind {
        switch r.count {
        case 1: return equalsIgnoringCase(l, r, "N") ? .n : .other
        case 3:
            if equalsIgnoringCase(l, r, "ADR") { return .adr }
            if equalsIgnoringCase(l, r, "ORG") { return .org }
            if equalsIgnoringCase(l, r, "KEY") { return .binary }
            return .other
        case 4: return equalsIgnoringCase(l, r, "LOGO") ? .binary : .other
        case 5:
            if equalsIgnoringCase(l, r, "PHOTO") || equalsIgnoringCase(l, r, "SOUND") { return .binary }
            return equalsIgnoringCase(l, r, "AGENT") ? .agent : .other
        case 6: return equalsIgnoringCase(l, r, "GENDER") ? .gender : .other
        case 7: return equalsIgnoringCase(l, r, "VERSION") ? .version : .other
        case 8: return equalsIgnoringCase(l, r, "NICKNAME") ? .list : .other
        case 9: return equalsIgnoringCase(l, r, "X-ABLABEL") ? .appleLabel : .other
        case 10: return equalsIgnoringCase(l, r, "CATEGORIES") ? .list : .other
        default: return .other
        }
    }

    private mutating func handle(line: (start: Int, count: Int)) throws {
        var bytes: [UInt8] = []
        swap(&bytes, &logical)
        defer { swap(&bytes, &logical) }
        bytes.withUnsafeBufferPointer { l in handleBytes(l, lineNo: line.start) }
    }

    @inline(__always)
    private static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }

    /// An upper-cased string of ASCII bytes (property and parameter names), trimmed of spaces.
    private func upper(_ l: Bytes, _ r: Range<Int>) -> String {
        var s = r.lowerBound, e = r.upperBound
        while s < e && (l[s] == 0x20 || l[s] == 0x09) { s += 1 }
        while e > s && (l[e - 1] == 0x20 || l[e - 1] == 0x09) { e -= 1 }
        var lower = false
        for i in s..<e where Self.isLower(l[i]) { lower = true; break }
        if !lower { return String(decoding: Bytes(rebasing: l[s..<e]), as: UTF8.self) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: e - s) { t in
            for i in s..<e { t[i - s] = Self.isLower(l[i]) ? l[i] - 0x20 : l[i] }
            return String(decoding: UnsafeBufferPointer(t), as: UTF8.self)
        }
    }

    private func trimmed(_ l: Bytes, _ r: Range<Int>) -> Range<Int> {
        var s = r.lowerBound, e = r.upperBound
        while s < e && (l[s] == 0x20 || l[s] == 0x09) { s += 1 }
        while e > s && (l[e - 1] == 0x20 || l[e - 1] == 0x09) { e -= 1 }
        return s..<e
    }

    private func equalsIgnoringCase(_ l: Bytes, _ r: Range<Int>, _ upperASCII: StaticString) -> Bool {
        guard r.count == upperASCII.utf8CodeUnitCount else { return false }
        let p = upperASCII.utf8Start
        for k in 0..<r.count {
            let c = l[r.lowerBound + k]
            if (Self.isLower(c) ? c - 0x20 : c) != p[k] { return false }
        }
        return true
    }

    private mutating func handleBytes(_ l: Bytes, lineNo: Int) {
        var blank = true
        for b in l where b != 0x20 && b != 0x09 { blank = false; break }
        if blank { return }
        // The name section ends at the first ':' outside double quotes.
        var colon = 0
        var inQuote = false
        var nameEnd = -1
        while colon < l.count {
            let b = l[colon]
            if b == 0x22 {
                inQuote.toggle()
            } else if !inQuote {
                if b == UInt8(ascii: ":") { break }
                if b == UInt8(ascii: ";") && nameEnd < 0 { nameEnd = colon }
            }
            colon += 1
        }
        if colon >= l.count {
            let shown = String(decoding: Bytes(rebasing: l.prefix(40)), as: UTF8.self)
            if !cards.isEmpty {
                issue(
                    .warning, "line without ':' ignored: \"\(shown)\"",
                    hint: "the line may be truncated or wrongly folded", line: lineNo, kind: .dropped)
            } else {
                issue(
                    .warning, "text outside a card ignored", hint: "a vCard starts with BEGIN:VCARD", line: lineNo,
                    kind: .dropped)
            }
            return
        }
        if nameEnd < 0 { nameEnd = colon }
        var group: String? = nil
        var nameStart = 0
        var dot = nameEnd - 1
        while dot >= 0 && l[dot] != UInt8(ascii: ".") { dot -= 1 }
        if dot >= 0 {
            group = String(decoding: Bytes(rebasing: l[0..<dot]), as: UTF8.self).trimmingSpaces()
            nameStart = dot + 1
        }
        let nameRange = nameStart..<nameEnd
        let valueRange = (colon + 1)..<l.count

        if equalsIgnoringCase(l, trimmed(l, nameRange), "BEGIN") {
            if equalsIgnoringCase(l, trimmed(l, valueRange), "VCARD") {
                skippingDamaged = false
                if !cards.isEmpty {
                    let agent = cards[cards.count - 1].agentFieldIndex
                    let parentLine = cards[cards.count - 1].line
                    if agent == nil || cards.count >= VCardReader.maxDepth {
                        issue(
                            .warning,
                            "BEGIN:VCARD before END:VCARD of the card that starts "
                                + "on line \(parentLine); that card ends here",
                            hint: "check for a missing END:VCARD", line: lineNo)
                        finishCard()
                    } else {
                        cards[cards.count - 1].agentFieldIndex = nil
                    }
                }
                var c = Card(line: lineNo)
                c.fields.reserveCapacity(24)
                cards.append(c)
            } else {
                issue(
                    .warning,
                    "BEGIN:\(String(decoding: Bytes(rebasing: l[valueRange].prefix(20)), as: UTF8.self)) ignored",
                    hint: nil, line: lineNo, kind: .notice)
            }
            return
        }
        if skippingDamaged { return }
        if equalsIgnoringCase(l, trimmed(l, nameRange), "END") {
            if cards.isEmpty {
                issue(.warning, "END:VCARD without BEGIN:VCARD ignored", hint: nil, line: lineNo, kind: .notice)
            } else {
                finishCard()
            }
            return
        }
        if cards.isEmpty {
            issue(
                .warning, "property outside a card: a card starts here without BEGIN:VCARD",
                hint: "a vCard starts with BEGIN:VCARD", line: lineNo)
            cards.append(Card(line: lineNo))
        }
        // The open card is changed out of the list (a property of the reader, which the methods
        // below change too) and put back whole: swapped out and in, never copied.
        var card = Card(line: 0)
        swap(&card, &cards[cards.count - 1])
        defer { swap(&card, &cards[cards.count - 1]) }
        card.bytes += l.count
        if card.fields.count >= VCardReader.maxProperties || card.bytes > options.maxRecordBytes {
            if card.errors.isEmpty {
                damaged(
                    &card,
                    "the card has more than \(VCardReader.maxProperties) properties or \(options.maxRecordBytes) bytes",
                    line: lineNo)
            }
            return
        }
        let nr = trimmed(l, nameRange)
        var validName = !nr.isEmpty
        for i in nr {
            let c = l[i]
            if !(c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || (c >= 0x30 && c <= 0x39)
                || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A))
            {
                validName = false
                break
            }
        }
        if !validName {
            let shown = String(decoding: Bytes(rebasing: l.prefix(40)), as: UTF8.self)
            issue(
                .warning, "invalid property name, line ignored: \"\(shown)\"", hint: nil, line: lineNo, kind: .dropped)
            return
        }
        let name = upper(l, nr)
        let k = kind(l, nr)
        var params = parameters(l, nameEnd..<colon)
        if k == .version {
            card.version = String(decoding: Bytes(rebasing: l[trimmed(l, valueRange)]), as: UTF8.self)
        }
        decodeProperty(
            name: name, kind: k, group: group, params: &params, l: l, value: valueRange, card: &card, line: lineNo)
    }

    private mutating func damaged(_ card: inout Card, _ message: String, line: Int) {
        card.errors.append(
            ReadIssue(
                provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1), severity: .error,
                message: message, hint: "the card is skipped; fix it and import it again"))
    }

    // MARK: Parameters

    /// Parsed parameter sections by their bytes: real files repeat a handful of them.
    private var paramCacheKeys = [[UInt8]](repeating: [], count: 128)
    private var paramCacheValues = [[SourceParameter]](repeating: [], count: 128)

    private mutating func parameters(_ l: Bytes, _ r: Range<Int>) -> [SourceParameter] {
        if r.isEmpty { return [] }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in r { h = (h ^ UInt64(l[i])) &* 0x100_0000_01b3 }
        let slot = Int(truncatingIfNeeded: h >> 57)  // 0..<128
        let key = Bytes(rebasing: l[r])
        if paramCacheKeys[slot].elementsEqual(key) { return paramCacheValues[slot] }
        let p = parseParameters(l, r)
        paramCacheKeys[slot] = Array(key)
        paramCacheValues[slot] = p
        return p
    }

    static let bareEncodings: Set<String> = ["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]

    /// `;TYPE=a,b;PREF;X="q;v"` → ordered parameters. Bare 2.1 parameters become TYPE values (or
    /// ENCODING for QUOTED-PRINTABLE/BASE64/8BIT); empty ones are ignored.
    private func parseParameters(_ l: Bytes, _ r: Range<Int>) -> [SourceParameter] {
        var params: [SourceParameter] = []
        func add(_ name: String, _ values: [String]) {
            let vs = values.filter { !$0.isEmpty }
            if let i = params.firstIndex(where: { $0.name == name }) {
                params[i].values.append(contentsOf: vs)
            } else {
                params.append(SourceParameter(name: name, values: vs))
            }
        }
        var i = r.lowerBound
        while i < r.upperBound {
            i += 1  // l[i] was ';'
            var j = i
            var inQuote = false
            while j < r.upperBound {
                if l[j] == 0x22 { inQuote.toggle() } else if l[j] == UInt8(ascii: ";") && !inQuote { break }
                j += 1
            }
            let part = trimmed(l, i..<j)
            i = j
            if part.isEmpty { continue }
            var eq = part.lowerBound
            while eq < part.upperBound && l[eq] != UInt8(ascii: "=") { eq += 1 }
            if eq < part.upperBound {
                let pname = upper(l, part.lowerBound..<eq)
                if pname.isEmpty { continue }
                add(pname, splitParamValues(l, (eq + 1)..<part.upperBound))
            } else {
                for v in splitParamValues(l, part) {
                    let u = v.uppercased()
                    if VCardReader.bareEncodings.contains(u) { add("ENCODING", [u]) } else { add("TYPE", [v]) }
                }
            }
        }
        return params
    }

    /// `a,b`, `"a,b"` → values; RFC 6868 `^n ^^ ^'` decoded.
    private func splitParamValues(_ l: Bytes, _ r: Range<Int>) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        var inQuote = false
        var i = r.lowerBound
        while i < r.upperBound {
            let b = l[i]
            if b == 0x22 { inQuote.toggle(); i += 1; continue }
            if b == UInt8(ascii: ",") {
                out.append(String(decoding: cur, as: UTF8.self).trimmingSpaces())
                cur.removeAll()
                i += 1
                continue
            }
            if b == UInt8(ascii: "^") && i + 1 < r.upperBound {
                let n = l[i + 1]
                if n == UInt8(ascii: "n") { cur.append(0x0A); i += 2; continue }
                if n == UInt8(ascii: "^") { cur.append(n); i += 2; continue }
                if n == UInt8(ascii: "'") { cur.append(0x22); i += 2; continue }
            }
            if b != 0x09 { cur.append(b) }  // TABs left over from odd folding inside a parameter
            i += 1
        }
        out.append(String(decoding: cur, as: UTF8.self).trimmingSpaces())
        return out.filter { !$0.isEmpty }
    }

    private func paramValue(_ params: [SourceParameter], _ name: String) -> String? {
        for p in params where p.name == name { return p.values.first }
        return nil
    }

    // MARK: Values

    /// The property whose value is being decoded (named in the issues about its value).
    private var currentProperty: String?

    /// Decodes a value's bytes to text: `CHARSET=` when given (invalid bytes in it become U+FFFD,
    /// reported as altered: the declared charset is right for the rest of the value), else UTF-8
    /// when valid, else the fallback encoding (reported as altered). A file transcoded from a
    /// legacy or UTF-16 encoding is UTF-8 by now, whatever a CHARSET says.
    private mutating func text(_ v: Bytes, charset: String?, line: Int) -> String {
        var acc: UInt8 = 0
        for b in v { acc |= b }
        if acc < 0x80 { return String(decoding: v, as: UTF8.self) }
        let transcoded = buffer.text.encoding != buffer.text.fileEncoding
        if !transcoded, let cs = charset {
            if let enc = SourceEncoding(name: cs), enc.isASCIICompatible {
                if let s = enc.decode(v) { return s }
                let (s, invalid) = Self.decodeReplacing(v, enc)
                issue(
                    .warning,
                    "\(invalid) byte(s) not valid in the declared CHARSET=\(cs) replaced by U+FFFD: "
                        + "\"\(s.prefix(40))\"",
                    hint:
                        "the rest of the value is decoded as \(enc.rawValue); fix "
                        + "the bytes in the source if the character matters",
                    line: line, kind: .altered, field: currentProperty)
                return s
            }
            issue(
                .warning, "unknown CHARSET \(cs)",
                hint: "the value is read as UTF-8 or \(options.fallbackEncoding.rawValue)",
                line: line, kind: .notice, field: currentProperty)
        }
        let primary: SourceEncoding = transcoded ? .utf8 : (options.encoding ?? .utf8)
        if let s = primary.decode(v) { return s }
        let fb = options.fallbackEncoding
        let s = fb.decode(v) ?? SourceEncoding.latin1.decode(v) ?? String(decoding: v, as: UTF8.self)
        let declared = charset.map { "its CHARSET=\($0) is unknown" } ?? "it has no CHARSET"
        issue(
            .warning,
            "a value is not valid \(primary.rawValue) and \(declared); "
                + "decoded it as \(fb.rawValue): \"\(s.prefix(40))\"",
            hint: "use --encoding, or a CHARSET parameter, to say which encoding it is in", line: line, kind: .altered,
            field: currentProperty)
        return s
    }

    /// Decodes `v` in `encoding`, one U+FFFD per invalid byte; returns the text and how many.
    static func decodeReplacing(_ v: Bytes, _ encoding: SourceEncoding) -> (String, Int) {
        if encoding == .utf8 {
            var invalid = 0
            var out = String.UnicodeScalarView()
            var it = v.makeIterator()
            var decoder = UTF8()
            loop: while true {
                switch decoder.decode(&it) {
                case .scalarValue(let s): out.append(s)
                case .error: invalid += 1; out.append("\u{FFFD}")
                case .emptyInput: break loop
                }
            }
            return (String(out), invalid)
        }
        guard let t = LegacyTranscoder(encoding: encoding) else { return (String(decoding: v, as: UTF8.self), 0) }
        var out: [UInt8] = []
        t.transcode(v, final: true, into: &out)
        return (String(decoding: out, as: UTF8.self), t.replacements)
    }

    /// Unescaped text of `v` (see `VCardValues.unescape`).
    private mutating func unescapedText(_ v: Bytes, v21: Bool, charset: String?, line: Int) -> String {
        var hasBackslash = false
        for b in v where b == 0x5C { hasBackslash = true; break }
        if !hasBackslash { return text(v, charset: charset, line: line) }
        let u = VCardValues.unescape(v, v21: v21)
        return u.withUnsafeBufferPointer { text($0, charset: charset, line: line) }
    }

    private mutating func decodeProperty(
        name: String, kind: Kind, group: String?, params: inout [SourceParameter], l: Bytes, value: Range<Int>,
        card: inout Card, line: Int
    ) {
        var encodingParam: String? = nil
        var charset: String? = nil
        if !params.isEmpty {
            encodingParam = paramValue(params, "ENCODING")?.uppercased()
            charset = paramValue(params, "CHARSET")
        }
        currentProperty = name
        let isBase64 = encodingParam == "B" || encodingParam == "BASE64"
        if isBase64 || kind == .binary {
            if decodeBinary(
                name: name, group: group, params: &params, l: l, value: value, isBase64: isBase64, card: &card,
                line: line)
            {
                return
            }
        }
        if encodingParam != nil || charset != nil { params.removeAll { $0.name == "ENCODING" || $0.name == "CHARSET" } }
        let v21 = card.v21
        if encodingParam == "QUOTED-PRINTABLE" {
            let decoded = VCardValues.decodeQuotedPrintable(Bytes(rebasing: l[value]))
            decoded.withUnsafeBufferPointer { d in
                decodeText(
                    name: name, kind: kind, group: group, params: params, v: d, v21: v21, charset: charset, card: &card,
                    line: line)
            }
        } else {
            decodeText(
                name: name, kind: kind, group: group, params: params, v: Bytes(rebasing: l[value]), v21: v21,
                charset: charset, card: &card, line: line)
        }
    }

    private mutating func decodeText(
        name: String, kind: Kind, group: String?, params: [SourceParameter], v: Bytes, v21: Bool, charset: String?,
        card: inout Card, line: Int
    ) {
        let components: [String]?
        switch kind {
        case .n: components = VCardValues.nComponents
        case .adr: components = VCardValues.adrComponents
        case .org: components = []
        case .gender: components = VCardValues.genderComponents
        default: components = nil
        }
        if let components {
            // The whole value (for display): unescaped, without trailing empty components.
            var end = v.count
            while end > 0 && (v[end - 1] == UInt8(ascii: ";") && (end < 2 || v[end - 2] != 0x5C)) { end -= 1 }
            let whole = unescapedText(Bytes(rebasing: v[0..<end]), v21: v21, charset: charset, line: line)
            add(SourceField(name: name, value: whole, parameters: params, group: group), to: &card)
            var start = 0
            var i = 0
            var k = 0
            while true {
                let atEnd = i >= end
                if atEnd || v[i] == UInt8(ascii: ";") {
                    let stop = min(i, end)  // an escape at the very end steps past it
                    if stop > start {
                        let t = unescapedText(Bytes(rebasing: v[start..<stop]), v21: v21, charset: charset, line: line)
                        if !t.isEmpty {
                            let cname: String
                            if kind == .org {
                                cname = k == 0 ? "ORG.name" : "ORG.unit"
                            } else if k < components.count {
                                cname = components[k]
                            } else {
                                cname = "\(name).\(k + 1)"
                            }
                            add(SourceField(name: cname, value: t, parameters: params, group: group), to: &card)
                        }
                    }
                    if atEnd { break }
                    k += 1
                    start = i + 1
                    i += 1
                } else {
                    i += v[i] == 0x5C ? 2 : 1
                }
            }
            return
        }
        if kind == .list {
            var start = 0
            var i = 0
            while true {
                let atEnd = i >= v.count
                if atEnd || v[i] == UInt8(ascii: ",") {
                    let t = unescapedText(
                        Bytes(rebasing: v[start..<min(i, v.count)]), v21: v21, charset: charset, line: line
                    ).trimmingSpaces()
                    if !t.isEmpty {
                        add(SourceField(name: name, value: t, parameters: params, group: group), to: &card)
                    }
                    if atEnd { break }
                    start = i + 1
                    i += 1
                } else {
                    i += v[i] == 0x5C ? 2 : 1
                }
            }
            return
        }
        var value = unescapedText(v, v21: v21, charset: charset, line: line)
        if kind == .appleLabel { value = VCardValues.appleLabel(value) }
        if kind == .agent && value.isEmpty { card.agentFieldIndex = card.fields.count }
        add(SourceField(name: name, value: value, parameters: params, group: group), to: &card)
    }

    @inline(__always)
    private func add(_ f: SourceField, to card: inout Card) {
        if !options.nullTokens.isEmpty && options.nullTokens.contains(f.value) { return }
        card.fields.append(f)
    }

    /// Binary values → `data:` URIs. Returns false when the value is not binary after all (a URL).
    private mutating func decodeBinary(
        name: String, group: String?, params: inout [SourceParameter], l: Bytes, value: Range<Int>,
        isBase64: Bool, card: inout Card, line: Int
    ) -> Bool {
        let tr = trimmed(l, value)
        let trimmedBytes = Bytes(rebasing: l[tr])
        let startsData = tr.count >= 5 && equalsIgnoringCase(l, tr.lowerBound..<(tr.lowerBound + 5), "DATA:")
        var b64: Bytes? = nil
        var mediaFromURI: String? = nil
        if startsData, let comma = trimmedBytes.firstIndex(of: UInt8(ascii: ",")) {
            let header = String(decoding: Bytes(rebasing: trimmedBytes[..<comma]), as: UTF8.self)
            if header.lowercased().hasSuffix(";base64") {
                b64 = Bytes(rebasing: trimmedBytes[(comma + 1)...])
                mediaFromURI = String(header.dropFirst(5).dropLast(7))
            }
        } else if isBase64 {
            b64 = trimmedBytes
        } else if !trimmedBytes.contains(UInt8(ascii: ":")), trimmedBytes.count >= 16,
            paramValue(params, "VALUE")?.lowercased() != "uri", VCardValues.cleanBase64(trimmedBytes) != nil
        {
            b64 = trimmedBytes  // raw base64 without ENCODING (seen in the wild)
        }
        guard let b64 else { return false }
        guard let (clean, head) = VCardValues.cleanBase64(b64) else {
            // A damaged photo or key costs that property, never the card's name and e-mails.
            issue(
                .warning,
                "the value is not valid base64 (truncated or damaged); the "
                    + "property is dropped, the rest of the card is kept",
                hint: "export the contact's \(name) again if it matters", line: line, kind: .dropped, field: name)
            return true
        }
        let media =
            mediaFromURI.flatMap { $0.isEmpty ? nil : $0 }
            ?? VCardValues.mediaType(
                head: head, typeParam: params.first { $0.name == "TYPE" }?.values ?? [], property: name)
        params.removeAll { $0.name == "ENCODING" || $0.name == "CHARSET" }
        add(
            SourceField(
                name: name, value: "data:\(media);base64," + String(decoding: clean, as: UTF8.self), parameters: params,
                group: group), to: &card)
        return true
    }

    private mutating func finishCard() {
        let card = cards.removeLast()
        if !card.errors.isEmpty {
            // One error per rejected card, at the line of its first problem.
            var e = card.errors[0]
            let more = card.errors.dropFirst().map { "line \($0.provenance.line): \($0.message)" }
            e.message += "; the card starting on line \(card.line) is skipped"
            if !more.isEmpty { e.message += " (also \(more.joined(separator: "; ")))" }
            ready.append(.issue(e))
            return
        }
        recordNumber += 1
        let record = SourceRecord(
            provenance: SourceProvenance(file: file, line: card.line, record: recordNumber), fields: card.fields)
        ready.append(.record(record))
        // A nested card: point its parent's AGENT property at it.
        if var parent = cards.popLast() {
            if let i = parent.fields.lastIndex(where: { $0.name == "AGENT" && $0.value.isEmpty }) {
                parent.fields[i].parameters.append(SourceParameter(name: "RECORD", values: [String(recordNumber)]))
            }
            cards.append(parent)
        }
    }

}

extension String {
    func trimmingSpaces() -> String {
        let u = utf8
        guard let f = u.first, let l = u.last else { return self }
        if f != 0x20 && f != 0x09 && l != 0x20 && l != 0x09 { return self }
        var s = u.startIndex, e = u.endIndex
        while s < e && (u[s] == 0x20 || u[s] == 0x09) { s = u.index(after: s) }
        while e > s && (u[u.index(before: e)] == 0x20 || u[u.index(before: e)] == 0x09) { e = u.index(before: e) }
        return String(self[s..<e])
    }
}
