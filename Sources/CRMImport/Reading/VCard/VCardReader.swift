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
        let text = try TextInput(input: input, forced: options.encoding, fallback: options.fallbackEncoding, noteFallback: false)
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
                for n in buffer.text.notes { issue(.warning, n, hint: "use --encoding to say which encoding the file is in", line: nextLineNumber) }
                buffer.text.notes.removeAll()
                continue
            }
            guard let line = try readLogicalLine() else {
                // End of input: close open cards leniently.
                if cards.isEmpty { return nil }
                while !cards.isEmpty {
                    let c = cards[cards.count - 1]
                    issue(.warning, "the file ends before END:VCARD of the card that starts on line \(c.line); the card is kept",
                          hint: "the file may be truncated", line: c.line)
                    finishCard()
                }
                continue
            }
            try handle(line: line)
        }
    }

    private mutating func issue(_ severity: IssueSeverity, _ message: String, hint: String?, line: Int) {
        ready.append(.issue(ReadIssue(provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1),
                                      severity: severity, message: message, hint: hint)))
    }

    // MARK: Lines

    /// Line ends: LF, CRLF and CR-only; a run of CRs before an LF (`CR CR LF` from
    /// double-converted files) counts as one line end. In a file whose first line end is LF or
    /// CRLF, a bare CR inside a line is data (Thunderbird writes them raw); in a CR-only file it
    /// ends the line.
    private var crOnly: Bool? = nil

    /// Reads the next physical line into `out` (replacing it).
    private mutating func readPhysical(into out: inout [UInt8]) throws -> Bool {
        outer: while true {
            let base = buffer.base, end = buffer.end
            var p = pos
            while true {
                while p < end {
                    let b = base[p]
                    if b == 0x0A || b == 0x0D { break }
                    p += 1
                }
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

    private mutating func peek() throws -> [UInt8]? {
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
        return peekedEOF ? nil : peeked
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
        let v21 = cards.last?.v21 ?? false
        while true {
            guard let next = try peek() else { break }
            if cur.last == UInt8(ascii: "="), isQuotedPrintable(cur) {
                // Soft line break, unless the next line is clearly the end of the card.
                if startsWithCardDelimiter(next) { break }
                cur.removeLast()
                _ = try nextPhysical(&tmp)
                cur.append(contentsOf: tmp)
                continue
            }
            if let f = next.first, f == 0x20 || f == 0x09 {
                _ = try nextPhysical(&tmp)
                cur.append(contentsOf: v21 ? tmp[...] : tmp.dropFirst())
                continue
            }
            // 2.1 base64 without indented continuation lines: lines without ':' until a blank line.
            if v21, !next.isEmpty, !next.contains(UInt8(ascii: ":")), isBase64Line(cur) {
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

    private mutating func handle(line: (start: Int, count: Int)) throws {
        let lineNo = line.start
        // Blank lines between and inside cards are ignored.
        if logical.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        let l = logical
        let colon = nameSectionEnd(l)
        if colon >= l.count {
            if !cards.isEmpty {
                let shown = String(decoding: l.prefix(40), as: UTF8.self)
                issue(.warning, "line without ':' ignored: \"\(shown)\"", hint: "the line may be truncated or wrongly folded", line: lineNo)
            } else {
                issue(.warning, "text outside a card ignored", hint: "a vCard starts with BEGIN:VCARD", line: lineNo)
            }
            return
        }
        // Name and group.
        var nameEnd = 0
        var inQuote = false
        while nameEnd < colon {
            let b = l[nameEnd]
            if b == 0x22 { inQuote.toggle() }
            if b == UInt8(ascii: ";") && !inQuote { break }
            nameEnd += 1
        }
        var group: String? = nil
        var nameStart = 0
        if let dot = l[0..<nameEnd].lastIndex(of: UInt8(ascii: ".")) {
            group = String(decoding: l[0..<dot], as: UTF8.self).trimmingSpaces()
            nameStart = dot + 1
        }
        let name = upper(l[nameStart..<nameEnd])
        let valueBytes = l[(colon + 1)...]

        if name == "BEGIN" {
            if upper(trim(valueBytes)) == "VCARD" {
                if skippingDamaged { skippingDamaged = false }
                if var parent = cards.last {
                    let agent = parent.agentFieldIndex
                    if agent == nil || cards.count >= VCardReader.maxDepth {
                        // A card that never ended: close it and start the new one.
                        issue(.warning, "BEGIN:VCARD before END:VCARD of the card that starts on line \(parent.line); that card ends here",
                              hint: "check for a missing END:VCARD", line: lineNo)
                        finishCard()
                    } else {
                        parent.agentFieldIndex = nil
                        cards[cards.count - 1] = parent
                    }
                }
                cards.append(Card(line: lineNo))
            } else {
                issue(.warning, "BEGIN:\(String(decoding: valueBytes.prefix(20), as: UTF8.self)) ignored", hint: nil, line: lineNo)
            }
            return
        }
        if skippingDamaged { return }
        if name == "END" {
            if cards.isEmpty {
                issue(.warning, "END:VCARD without BEGIN:VCARD ignored", hint: nil, line: lineNo)
            } else {
                finishCard()
            }
            return
        }
        if cards.isEmpty {
            issue(.warning, "property outside a card: a card starts here without BEGIN:VCARD", hint: "a vCard starts with BEGIN:VCARD", line: lineNo)
            cards.append(Card(line: lineNo))
        }
        var card = cards.removeLast()
        defer { cards.append(card) }
        card.bytes += l.count
        if card.fields.count >= VCardReader.maxProperties || card.bytes > options.maxRecordBytes {
            damaged(&card, "the card has more than \(VCardReader.maxProperties) properties or \(options.maxRecordBytes) bytes", line: lineNo)
            return
        }
        if !name.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) || name.isEmpty {
            let shown = String(decoding: l.prefix(40), as: UTF8.self)
            issue(.warning, "invalid property name, line ignored: \"\(shown)\"", hint: nil, line: lineNo)
            return
        }
        var params = parseParameters(l[nameEnd..<colon], v21: card.v21)
        if name == "VERSION" {
            card.version = String(decoding: trim(valueBytes), as: UTF8.self)
        }
        decodeProperty(name: name, group: group, params: &params, raw: valueBytes, card: &card, line: lineNo)
    }

    private mutating func damaged(_ card: inout Card, _ message: String, line: Int) {
        card.errors.append(ReadIssue(provenance: SourceProvenance(file: file, line: line, record: recordNumber + 1), severity: .error,
                                     message: message, hint: "the card is skipped; fix it and import it again"))
    }

    private mutating func finishCard() {
        let card = cards.removeLast()
        if !card.errors.isEmpty {
            for e in card.errors { ready.append(.issue(e)) }
            issue(.error, "card starting on line \(card.line) skipped", hint: "see the errors above", line: card.line)
            return
        }
        recordNumber += 1
        let record = SourceRecord(provenance: SourceProvenance(file: file, line: card.line, record: recordNumber), fields: card.fields)
        ready.append(.record(record))
        // A nested card: point its parent's AGENT property at it.
        if var parent = cards.popLast() {
            if let i = parent.fields.lastIndex(where: { $0.name == "AGENT" && $0.value.isEmpty }) {
                parent.fields[i].parameters.append(SourceParameter(name: "RECORD", values: [String(recordNumber)]))
            }
            cards.append(parent)
        }
    }

    private func upper(_ b: ArraySlice<UInt8>) -> String {
        var needs = false
        for c in b where c >= 0x61 && c <= 0x7A { needs = true; break }
        if !needs { return String(decoding: b, as: UTF8.self).trimmingSpaces() }
        return String(decoding: b.map { ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0 }, as: UTF8.self).trimmingSpaces()
    }

    private func trim(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = b.startIndex, e = b.endIndex
        while s < e && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
        while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x09) { e -= 1 }
        return b[s..<e]
    }

    static let bareEncodings: Set<String> = ["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]

    /// `;TYPE=a,b;PREF;X="q;v"` → ordered parameters. Bare 2.1 parameters become TYPE values (or
    /// ENCODING for QUOTED-PRINTABLE/BASE64/8BIT); empty ones are ignored.
    private func parseParameters(_ s: ArraySlice<UInt8>, v21: Bool) -> [SourceParameter] {
        guard !s.isEmpty else { return [] }
        var params: [SourceParameter] = []
        func add(_ name: String, _ values: [String]) {
            let vs = values.filter { !$0.isEmpty }
            if let i = params.firstIndex(where: { $0.name == name }) {
                params[i].values.append(contentsOf: vs)
            } else {
                params.append(SourceParameter(name: name, values: vs))
            }
        }
        var i = s.startIndex
        while i < s.endIndex {
            // s[i] is ';'
            i += 1
            var j = i
            var inQuote = false
            while j < s.endIndex {
                if s[j] == 0x22 { inQuote.toggle() } else if s[j] == UInt8(ascii: ";") && !inQuote { break }
                j += 1
            }
            let part = trim(s[i..<j])
            i = j
            if part.isEmpty { continue }
            if let eq = part.firstIndex(of: UInt8(ascii: "=")) {
                let pname = upper(part[part.startIndex..<eq])
                if pname.isEmpty { continue }
                let values = splitParamValues(part[(eq + 1)...])
                add(pname, values)
            } else {
                let values = splitParamValues(part)
                for v in values {
                    let u = v.uppercased()
                    if VCardReader.bareEncodings.contains(u) { add("ENCODING", [u]) } else { add("TYPE", [v]) }
                }
            }
        }
        return params
    }

    /// `a,b`, `"a,b"`, `"x";` → values; RFC 6868 `^n ^^ ^'` in quoted values.
    private func splitParamValues(_ s: ArraySlice<UInt8>) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        var inQuote = false
        var i = s.startIndex
        while i < s.endIndex {
            let b = s[i]
            if b == 0x22 { inQuote.toggle(); i += 1; continue }
            if b == UInt8(ascii: ",") {
                out.append(String(decoding: cur, as: UTF8.self).trimmingSpaces())
                cur.removeAll()
                i += 1
                continue
            }
            if b == UInt8(ascii: "^") && i + 1 < s.endIndex {
                let n = s[i + 1]
                if n == UInt8(ascii: "n") { cur.append(0x0A); i += 2; continue }
                if n == UInt8(ascii: "^") { cur.append(n); i += 2; continue }
                if n == UInt8(ascii: "'") { cur.append(0x22); i += 2; continue }
            }
            // TAB/LF left over from odd folding inside a parameter.
            if b != 0x09 { cur.append(b) }
            i += 1
        }
        out.append(String(decoding: cur, as: UTF8.self).trimmingSpaces())
        return out.filter { !$0.isEmpty }
    }

    private func paramValues(_ params: [SourceParameter], _ name: String) -> [String] {
        params.first(where: { $0.name == name })?.values ?? []
    }

    /// Decodes a value's bytes to text: `CHARSET=` when given, else UTF-8 when valid, else the
    /// fallback encoding (with a warning).
    private mutating func text(_ bytes: ArraySlice<UInt8>, charset: String?, line: Int) -> String {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        let transcoded = !buffer.text.fileEncoding.isASCIICompatible
        if !transcoded, let cs = charset {
            if let enc = SourceEncoding(name: cs) {
                if let s = bytes.withUnsafeBufferPointer({ enc.decode($0) }) { return s }
            } else {
                issue(.warning, "unknown CHARSET \(cs)", hint: "the value is read as UTF-8 or \(options.fallbackEncoding.rawValue)", line: line)
            }
        }
        let primary: SourceEncoding = transcoded ? .utf8 : (options.encoding ?? .utf8)
        if let s = bytes.withUnsafeBufferPointer({ primary.decode($0) }) { return s }
        let fb = options.fallbackEncoding
        let s = bytes.withUnsafeBufferPointer { fb.decode($0) } ?? bytes.withUnsafeBufferPointer { SourceEncoding.latin1.decode($0)! }
        issue(.warning, "a value is not valid \(primary.rawValue) and has no CHARSET; decoded it as \(fb.rawValue): \"\(s.prefix(40))\"",
              hint: "use --encoding, or a CHARSET parameter, to say which encoding it is in", line: line)
        return s
    }

    private static let binaryProperties: Set<String> = ["PHOTO", "LOGO", "SOUND", "KEY"]
    private static let listProperties: Set<String> = ["CATEGORIES", "NICKNAME"]

    private mutating func decodeProperty(name: String, group: String?, params: inout [SourceParameter], raw: ArraySlice<UInt8>,
                                         card: inout Card, line: Int) {
        let encodingParam = paramValues(params, "ENCODING").first?.uppercased()
        let charset = paramValues(params, "CHARSET").first
        let v21 = card.v21
        var bytes = raw
        let removeEncoding = { (p: inout [SourceParameter]) in p.removeAll { $0.name == "ENCODING" || $0.name == "CHARSET" } }

        // Binary values → data: URIs.
        let isBase64 = encodingParam == "B" || encodingParam == "BASE64"
        if isBase64 || VCardReader.binaryProperties.contains(name) {
            let trimmed = trim(bytes)
            let startsData = trimmed.count >= 5 && containsIgnoringCase(trimmed.prefix(5), "data:")
            var b64: ArraySlice<UInt8>? = nil
            var mediaFromURI: String? = nil
            if startsData, let comma = trimmed.firstIndex(of: UInt8(ascii: ",")) {
                let header = String(decoding: trimmed[..<comma], as: UTF8.self)
                if header.lowercased().hasSuffix(";base64") {
                    b64 = trimmed[(comma + 1)...]
                    mediaFromURI = String(header.dropFirst(5).dropLast(7))
                }
            } else if isBase64 {
                b64 = trimmed
            } else if !trimmed.contains(UInt8(ascii: ":")), trimmed.count >= 16, VCardValues.cleanBase64(trimmed) != nil,
                      paramValues(params, "VALUE").first?.lowercased() != "uri" {
                b64 = trimmed  // raw base64 without ENCODING (seen in the wild)
            }
            if let b64 {
                guard let (clean, head) = VCardValues.cleanBase64(b64) else {
                    damaged(&card, "\(name) is not valid base64", line: line)
                    return
                }
                let media = mediaFromURI.flatMap { $0.isEmpty ? nil : $0 }
                    ?? VCardValues.mediaType(head: head, typeParam: paramValues(params, "TYPE"), property: name)
                removeEncoding(&params)
                let value = "data:\(media);base64," + String(decoding: clean, as: UTF8.self)
                card.fields.append(SourceField(name: name, value: value, parameters: params, group: group))
                return
            }
        }

        var decoded: [UInt8] = []
        if encodingParam == "QUOTED-PRINTABLE" {
            decoded = VCardValues.decodeQuotedPrintable(bytes)
            bytes = decoded[...]
        }
        if encodingParam != nil || charset != nil { removeEncoding(&params) }

        if let comps = VCardValues.structured[name] ?? (name == "ORG" ? ["name"] : nil) {
            let parts = VCardValues.split(bytes, on: UInt8(ascii: ";"))
            var texts: [String] = []
            texts.reserveCapacity(parts.count)
            for part in parts { texts.append(text(VCardValues.unescape(part, v21: v21), charset: charset, line: line)) }
            var lastNonEmpty = texts.count - 1
            while lastNonEmpty >= 0 && texts[lastNonEmpty].isEmpty { lastNonEmpty -= 1 }
            let whole = lastNonEmpty < 0 ? "" : texts[0...lastNonEmpty].joined(separator: ";")
            card.fields.append(SourceField(name: name, value: whole, parameters: params, group: group))
            for (i, t) in texts.enumerated() where !t.isEmpty {
                let cname: String
                if name == "ORG" { cname = i == 0 ? "ORG.name" : "ORG.unit" } else if i < comps.count { cname = "\(name).\(comps[i])" } else { cname = "\(name).\(i + 1)" }
                card.fields.append(SourceField(name: cname, value: t, parameters: params, group: group))
            }
            return
        }
        if VCardReader.listProperties.contains(name) {
            for part in VCardValues.split(bytes, on: UInt8(ascii: ",")) {
                let t = text(VCardValues.unescape(part, v21: v21), charset: charset, line: line).trimmingSpaces()
                if !t.isEmpty { card.fields.append(SourceField(name: name, value: t, parameters: params, group: group)) }
            }
            return
        }
        var value = text(VCardValues.unescape(bytes, v21: v21), charset: charset, line: line)
        if name == "X-ABLABEL" { value = VCardValues.appleLabel(value) }
        if name == "AGENT" && trim(bytes).isEmpty { card.agentFieldIndex = card.fields.count }
        if !options.nullTokens.isEmpty && options.nullTokens.contains(value) { return }
        card.fields.append(SourceField(name: name, value: value, parameters: params, group: group))
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
