/// Renders source records as the NDJSON lines of `crmkit read`:
/// `{"source":{"file":…,"line":…,"record":…},"fields":{…}}`.
///
/// In `fields`, a name that occurs once, without parameters or group, maps to its value as a
/// string. A name that occurs more than once maps to an array of its values in source order. When
/// any occurrence of a name has parameters or a group, the name maps to an array of objects
/// `{"value":…,"params":{NAME:[values]},"group":…}` (`params` and `group` only when present).
public enum NDJSON {
    public static func render(_ record: SourceRecord, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"source":{"file":"#.utf8)
        string(record.provenance.file, into: &out)
        out.append(contentsOf: #","line":"#.utf8)
        out.append(contentsOf: String(record.provenance.line).utf8)
        out.append(contentsOf: #","record":"#.utf8)
        out.append(contentsOf: String(record.provenance.record).utf8)
        out.append(contentsOf: #"},"fields":{"#.utf8)
        let fields = record.fields
        // Group occurrences by name, keeping the order of first appearance.
        var order: [String] = []
        var byName: [String: [Int]] = [:]
        for (i, f) in fields.enumerated() {
            if byName[f.name] == nil { order.append(f.name); byName[f.name] = [i] } else { byName[f.name]!.append(i) }
        }
        for (k, name) in order.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            string(name, into: &out)
            out.append(UInt8(ascii: ":"))
            let idx = byName[name]!
            let rich = idx.contains { !fields[$0].parameters.isEmpty || fields[$0].group != nil }
            if idx.count == 1 && !rich {
                string(fields[idx[0]].value, into: &out)
                continue
            }
            out.append(UInt8(ascii: "["))
            for (j, i) in idx.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                let f = fields[i]
                if !rich { string(f.value, into: &out); continue }
                out.append(contentsOf: #"{"value":"#.utf8)
                string(f.value, into: &out)
                if !f.parameters.isEmpty {
                    out.append(contentsOf: #","params":{"#.utf8)
                    for (pi, p) in f.parameters.enumerated() {
                        if pi > 0 { out.append(UInt8(ascii: ",")) }
                        string(p.name, into: &out)
                        out.append(contentsOf: ":[".utf8)
                        for (vi, v) in p.values.enumerated() {
                            if vi > 0 { out.append(UInt8(ascii: ",")) }
                            string(v, into: &out)
                        }
                        out.append(UInt8(ascii: "]"))
                    }
                    out.append(UInt8(ascii: "}"))
                }
                if let g = f.group {
                    out.append(contentsOf: #","group":"#.utf8)
                    string(g, into: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "}}\n".utf8)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a JSON string literal.
    public static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: [
                    0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)],
                ])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
