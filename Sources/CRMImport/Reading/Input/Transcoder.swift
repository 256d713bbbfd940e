/// Streaming UTF-16/UTF-32 → UTF-8 transcoder. Code units cut by a chunk boundary are carried over.
/// Unpaired surrogates and out-of-range values become U+FFFD and are counted in `replacements`,
/// so that the reader can report them (never silently).
struct Transcoder {
    let encoding: SourceEncoding
    private var carry: [UInt8] = []
    private var highSurrogate: UInt32 = 0
    private(set) var replacements = 0

    init(encoding: SourceEncoding) { self.encoding = encoding }

    private var unit: Int {
        switch encoding {
        case .utf32LE, .utf32BE: return 4
        default: return 2
        }
    }

    mutating func transcode(_ input: UnsafeBufferPointer<UInt8>, final: Bool, into out: inout [UInt8]) {
        let u = unit
        out.reserveCapacity(out.count + input.count * 2)
        var joined: [UInt8] = []
        if !carry.isEmpty {
            joined = carry + Array(input)
            carry.removeAll()
        }
        func run(_ p: UnsafeBufferPointer<UInt8>) {
            let whole = p.count - p.count % u
            var i = 0
            while i < whole {
                let v: UInt32
                switch encoding {
                case .utf16LE: v = UInt32(p[i]) | UInt32(p[i + 1]) << 8
                case .utf16BE: v = UInt32(p[i]) << 8 | UInt32(p[i + 1])
                case .utf32LE:
                    v = UInt32(p[i]) | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2]) << 16 | UInt32(p[i + 3]) << 24
                default: v = UInt32(p[i]) << 24 | UInt32(p[i + 1]) << 16 | UInt32(p[i + 2]) << 8 | UInt32(p[i + 3])
                }
                i += u
                emit(v, into: &out)
            }
            if whole < p.count { carry = Array(p[whole...]) }
        }
        if joined.isEmpty { run(input) } else { joined.withUnsafeBufferPointer { run($0) } }
        if final {
            if !carry.isEmpty { carry.removeAll(); replace(into: &out) }
            if highSurrogate != 0 { highSurrogate = 0; replace(into: &out) }
        }
    }

    private mutating func replace(into out: inout [UInt8]) {
        replacements += 1
        SourceEncoding.appendUTF8(0xFFFD, to: &out)
    }

    private mutating func emit(_ v: UInt32, into out: inout [UInt8]) {
        if u16 {
            if v >= 0xD800 && v <= 0xDBFF {
                if highSurrogate != 0 { replace(into: &out) }
                highSurrogate = v
                return
            }
            if v >= 0xDC00 && v <= 0xDFFF {
                if highSurrogate == 0 { replace(into: &out); return }
                let cp = 0x10000 + ((highSurrogate - 0xD800) << 10) + (v - 0xDC00)
                highSurrogate = 0
                SourceEncoding.appendUTF8(cp, to: &out)
                return
            }
            if highSurrogate != 0 { highSurrogate = 0; replace(into: &out) }
            SourceEncoding.appendUTF8(v, to: &out)
        } else {
            if v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { replace(into: &out); return }
            SourceEncoding.appendUTF8(v, to: &out)
        }
    }

    private var u16: Bool { encoding == .utf16LE || encoding == .utf16BE }
}
