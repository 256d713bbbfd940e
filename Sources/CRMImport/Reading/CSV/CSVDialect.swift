/// How a CSV file is written, as the reader found it (what `crmkit read --sniff` prints).
public struct CSVDialect: Sendable, Hashable {
    public var delimiter: UInt8
    public var quote: UInt8
    public var encoding: SourceEncoding
    /// How the encoding was detected and how sure that is (nil when forced).
    public var encodingGuess: EncodingGuess?
    /// The line of the header row (nil without one).
    public var headerLine: Int?
    public var columns: [String]
    public var skipInitialSpace: Bool

    /// One `key: value` line per property, for people.
    public var lines: [String] {
        var out = [
            "format: csv",
            "delimiter: \(CSVDelimiterSniffer.name(delimiter))",
            "quote: '\(String(UnicodeScalar(quote)))'",
        ]
        if let g = encodingGuess {
            var e = "encoding: \(encoding.rawValue) (\(g.confidence.rawValue) confidence: \(g.reason)"
            if !g.alternatives.isEmpty {
                e += "; also possible: \(g.alternatives.map(\.rawValue).joined(separator: ", "))"
            }
            out.append(e + ")")
        } else {
            out.append("encoding: \(encoding.rawValue) (given)")
        }
        if let headerLine {
            out.append("header row: line \(headerLine), \(columns.count) columns: \(columns.joined(separator: ", "))")
        } else {
            out.append("header row: none")
        }
        out.append("skip initial space: \(skipInitialSpace ? "yes" : "no")")
        return out
    }
}
