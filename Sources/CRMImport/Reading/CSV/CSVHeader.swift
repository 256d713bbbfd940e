/// Header-name rules shared by the CSV reader and its tests.
public enum CSVHeader {
    /// Makes header names usable: whitespace (TAB, LF, VT, FF, CR, spaces) is trimmed and collapsed
    /// to one space; a blank name becomes `_N` (N = 1-based column); a repeated name gets `_2`,
    /// `_3`… appended.
    public static func uniqueNames(_ raw: [String]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        out.reserveCapacity(raw.count)
        let normalized = raw.map(normalizeSpace)
        for (i, name0) in normalized.enumerated() {
            var name = name0.isEmpty ? "_\(i + 1)" : name0
            if used.contains(name) {
                var k = 2
                while used.contains("\(name)_\(k)") { k += 1 }
                name = "\(name)_\(k)"
            }
            used.insert(name)
            out.append(name)
        }
        return out
    }

    /// Trims and collapses ASCII whitespace (including VT and FF) to single spaces.
    public static func normalizeSpace(_ s: String) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for b in s.utf8 {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The name of an unnamed column (no header, or a value beyond the header): `_N`, 1-based.
    public static func positionalName(_ index: Int) -> String { "_\(index + 1)" }

    /// Each name's position (the first, for a name given twice).
    static func positions(of names: [String]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
        return positions
    }

    /// The index a positional name stands for (`_3` → 2), or nil for another name.
    static func position(ofPositionalName name: String) -> Int? {
        guard name.utf8.first == UInt8(ascii: "_"), let number = Int(name.dropFirst()), number >= 1 else { return nil }
        return number - 1
    }
}

/// Picks the delimiter of a CSV sample: the candidate that splits the most lines into the same
/// number (≥ 2) of fields, quotes respected.
enum CSVDelimiterSniffer {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

    struct Result {
        var delimiter: UInt8
        var modalColumns: Int
        var firstLineColumns: Int
    }

    static func sniff(_ p: UnsafeBufferPointer<UInt8>, maxLines: Int = 50) -> Result {
        var best: (score: Int, cols: Int, d: UInt8, first: Int)? = nil
        for d in candidates {
            var counts: [Int] = []
            var fields = 1
            var inQuote = false
            var lineHasContent = false
            var i = 0
            let n = p.count
            while i < n && counts.count < maxLines {
                let b = p[i]
                if inQuote {
                    if b == 0x22 {
                        if i + 1 < n && p[i + 1] == 0x22 { i += 1 } else { inQuote = false }
                    }
                } else if b == 0x22 {
                    inQuote = true
                    lineHasContent = true
                } else if b == d {
                    fields += 1
                    lineHasContent = true
                } else if b == 0x0A || b == 0x0D {
                    if lineHasContent { counts.append(fields) }
                    fields = 1
                    lineHasContent = false
                } else {
                    lineHasContent = true
                }
                i += 1
            }
            if lineHasContent && counts.count < maxLines { counts.append(fields) }
            guard let first = counts.first else { continue }
            var freq: [Int: Int] = [:]
            for c in counts { freq[c, default: 0] += 1 }
            guard let (cols, f) = freq.filter({ $0.key >= 2 }).max(by: { ($0.value, $0.key) < ($1.value, $1.key) })
            else { continue }
            if best == nil || f > best!.score || (f == best!.score && cols > best!.cols) {
                best = (f, cols, d, first)
            }
        }
        if let best { return Result(delimiter: best.d, modalColumns: best.cols, firstLineColumns: best.first) }
        return Result(delimiter: UInt8(ascii: ","), modalColumns: 1, firstLineColumns: 1)
    }

    static func name(_ d: UInt8) -> String {
        switch d {
        case 0x09: return "TAB"
        case 0x20: return "SPACE"
        default: return "'\(String(UnicodeScalar(d)))'"
        }
    }
}
