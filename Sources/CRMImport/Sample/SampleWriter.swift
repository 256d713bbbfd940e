import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `SampleWriter.write` produced.
public struct SampleSummary: Sendable, Hashable {
    public var records: Int
    public var clusters: Int
    public var duplicates: Int
    public var bytes: Int
}

/// Writes synthetic contacts as CSV, vCard 3.0 or XML, and optionally their ground truth
/// (`record_index,cluster_id`, 0-based record indexes, as `crmkit dedupe evaluate` reads it).
public enum SampleWriter {
    public static func write(
        count: Int, format: SourceFormat, to path: String, truthPath: String? = nil,
        duplicateRate: Double = 0.1, seed: UInt64 = 1
    ) throws -> SampleSummary {
        let out = try BufferedFileOutput(path: path)
        let truth = try truthPath.map { try BufferedFileOutput(path: $0) }
        var gen = SampleGenerator(count: count, duplicateRate: duplicateRate, seed: seed)
        var seenClusters = Set<Int>()
        var maxCluster = -1
        var records = 0
        truth?.append("record_index,cluster_id\n")
        switch format {
        case .csv:
            out.append(
                "First Name,Last Name,Email,Phone,Mobile,Company,Title,Street,City,Postal Code,Country,Notes,Email 2\n")
        case .xml:
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<contacts>\n")
        case .vcard:
            break
        }
        while let c = gen.next() {
            switch format {
            case .csv: csv(c, out)
            case .vcard: vcard(c, out)
            case .xml: xml(c, out)
            }
            truth?.append("\(records),\(c.clusterID)\n")
            if c.clusterID > maxCluster { maxCluster = c.clusterID } else { seenClusters.insert(c.clusterID) }
            records += 1
            try out.flushIfNeeded()
            try truth?.flushIfNeeded()
        }
        if format == .xml { out.append("</contacts>\n") }
        try out.close()
        try truth?.close()
        return SampleSummary(
            records: records, clusters: maxCluster + 1, duplicates: records - (maxCluster + 1), bytes: out.written)
    }

    // MARK: CSV

    static func csvField(_ s: String, _ out: BufferedFileOutput) {
        var needs = false
        for b in s.utf8 where b == UInt8(ascii: ",") || b == 0x22 || b == 0x0A || b == 0x0D { needs = true; break }
        if !needs { out.append(s); return }
        out.append("\"")
        out.append(s.replacingAll("\"", with: "\"\""))
        out.append("\"")
    }

    static func csv(_ c: SampleContact, _ out: BufferedFileOutput) {
        let values = [
            c.firstName, c.lastName, c.email, c.phone, c.mobile, c.company, c.title, c.street, c.city, c.postalCode,
            c.country, c.notes, c.email2,
        ]
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(",") }
            csvField(v, out)
        }
        out.append("\n")
    }

    // MARK: vCard

    /// vCard 3.0 text escapes: backslash, comma, semicolon and line feed.
    static func vEscape(_ s: String) -> String { vCardEscaper.escape(s) }

    private static let vCardEscaper = CharacterEscaper(["\\": "\\\\", ",": "\\,", ";": "\\;", "\n": "\\n"])

    static func vcard(_ c: SampleContact, _ out: BufferedFileOutput) {
        out.append("BEGIN:VCARD\r\nVERSION:3.0\r\n")
        out.append("FN:\(vEscape(c.firstName + " " + c.lastName))\r\n")
        out.append("N:\(vEscape(c.lastName));\(vEscape(c.firstName));;;\r\n")
        if !c.email.isEmpty { out.append("EMAIL;TYPE=INTERNET,WORK:\(c.email)\r\n") }
        if !c.email2.isEmpty { out.append("EMAIL;TYPE=INTERNET,HOME:\(c.email2)\r\n") }
        out.append("TEL;TYPE=WORK,VOICE:\(c.phone)\r\n")
        if !c.mobile.isEmpty { out.append("TEL;TYPE=CELL:\(c.mobile)\r\n") }
        out.append("ORG:\(vEscape(c.company))\r\n")
        if !c.title.isEmpty { out.append("TITLE:\(vEscape(c.title))\r\n") }
        out.append(
            "item1.ADR;TYPE=WORK:;;\(vEscape(c.street));\(vEscape(c.city));;"
                + "\(vEscape(c.postalCode));\(vEscape(c.country))\r\n"
        )
        out.append("item1.X-ABLabel:_$!<Work>!$_\r\n")
        if !c.notes.isEmpty { out.append("NOTE:\(vEscape(c.notes))\r\n") }
        out.append("UID:sample-\(c.id)\r\n")
        out.append("END:VCARD\r\n")
    }

    // MARK: XML

    /// XML character escapes for text and attribute values.
    static func xEscape(_ s: String) -> String { xmlEscaper.escape(s) }

    private static let xmlEscaper = CharacterEscaper(["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;"])

    static func xml(_ c: SampleContact, _ out: BufferedFileOutput) {
        out.append("  <contact id=\"\(c.id)\">\n")
        func el(_ n: String, _ v: String) { if !v.isEmpty { out.append("    <\(n)>\(xEscape(v))</\(n)>\n") } }
        el("first-name", c.firstName)
        el("last-name", c.lastName)
        el("email", c.email)
        el("email", c.email2)
        out.append("    <phone type=\"work\">\(xEscape(c.phone))</phone>\n")
        if !c.mobile.isEmpty { out.append("    <phone type=\"mobile\">\(xEscape(c.mobile))</phone>\n") }
        el("company", c.company)
        el("title", c.title)
        out.append("    <address>\n")
        out.append("      <street>\(xEscape(c.street))</street>\n      <city>\(xEscape(c.city))</city>\n")
        out.append(
            "      <postal-code>\(xEscape(c.postalCode))</postal-code>\n"
                + "      <country>\(xEscape(c.country))</country>\n"
        )
        out.append("    </address>\n")
        el("notes", c.notes)
        out.append("  </contact>\n")
    }
}

extension String {
    func replacingAll(_ a: String, with b: String) -> String {
        guard contains(a) else { return self }
        return components(separatedBy: a).joined(separator: b)
    }
}

/// A write buffer over a file descriptor.
final class BufferedFileOutput {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private(set) var written = 0
    let path: String

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw SourceReadError(file: path, message: "cannot create: \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(1 << 17)
    }

    deinit { if fd >= 0 { _ = Glibc.close(fd) } }

    @inline(__always) func append(_ s: String) { buffer.append(contentsOf: s.utf8) }

    func flushIfNeeded() throws { if buffer.count >= 1 << 16 { try flush() } }

    func flush() throws {
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SourceReadError(file: path, message: "write failed: \(String(cString: strerror(errno)))")
            }
            off += n
        }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if fd >= 0 { _ = Glibc.close(fd); fd = -1 }
    }
}
