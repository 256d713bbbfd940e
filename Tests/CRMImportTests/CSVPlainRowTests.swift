import Foundation
import Testing
@testable import CRMImport

/// Rows of the common shape are read in one call into C (`CSVPlainRowReader`); every other row
/// by the reader's full parser. Reading a file either way must give the same records, values,
/// lines and issues: pinned on every CSV and text file of `../shared/corpora`, on rows that
/// leave the one-call path at each of its exits, and on random files built from those pieces.
@Suite struct CSVPlainRowTests {
    /// Everything a reader hands out, as text that shows where two readings differ.
    static func events(_ bytes: [UInt8], plainRowsAtOnce: Bool, options: ReadOptions = ReadOptions()) throws
        -> [String]
    {
        var reader = try CSVReader(bytes: bytes, name: "rows.csv", options: options)
        reader.readsPlainRowsAtOnce = plainRowsAtOnce
        var events: [String] = []
        do {
            while let event = try reader.next() {
                switch event {
                case .record(let record):
                    let fields = record.fields.map { "\($0.name)=\($0.value.debugDescription)" }
                    events.append(
                        "record \(record.provenance.record ?? 0) line \(record.provenance.line ?? 0): "
                            + fields.joined(separator: " "))
                case .issue(let issue): events.append("issue \(issue)")
                }
            }
        } catch {
            events.append("error \(error)")
        }
        return events
    }

    static func expectSameReading(
        _ bytes: [UInt8], _ what: String, options: ReadOptions = ReadOptions(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let atOnce = try events(bytes, plainRowsAtOnce: true, options: options)
        let parsed = try events(bytes, plainRowsAtOnce: false, options: options)
        guard atOnce != parsed else { return }
        let index =
            (0..<min(atOnce.count, parsed.count)).first { atOnce[$0] != parsed[$0] } ?? min(atOnce.count, parsed.count)
        Issue.record(
            """
            \(what): the readings differ at event \(index) of \(atOnce.count)/\(parsed.count)
              one call: \(index < atOnce.count ? atOnce[index] : "(none)")
              parser:   \(index < parsed.count ? parsed[index] : "(none)")
            """, sourceLocation: sourceLocation)
    }

    /// Whether the one-call path reads `row` (UTF-8, comma-separated, nothing after it).
    static func readsAtOnce(_ row: String) -> Bool {
        guard let scanner = CSVPlainRowReader(delimiter: UInt8(ascii: ","), bytesAreUTF8: true) else { return false }
        var rows = CSVRowBatchBuilder(expectedRows: 1, expectedValues: 4)
        return Array(row.utf8).withUnsafeBufferPointer { bytes in
            guard let start = bytes.baseAddress else { return false }
            return scanner.read(start, available: bytes.count, atEnd: true, into: &rows) != nil
        }
    }

    @Test func valuesOfPlainAndQuotedRows() throws {
        let text = "name,note,city\r\nAda,\"says \"\"hi\"\", twice\",\"\"\n,,\nZoë,\"Köln\",Berlin"
        let (records, issues) = try readAll(text, .csv)
        #expect(issues.isEmpty)
        #expect(
            records.map(pairs) == [
                [["name", "Ada"], ["note", "says \"hi\", twice"], ["city", ""]],
                [["name", ""], ["note", ""], ["city", ""]],
                [["name", "Zoë"], ["note", "Köln"], ["city", "Berlin"]],
            ])
        #expect(records.map { $0.provenance.line } == [2, 3, 4])
    }

    /// Rows at each edge of the one-call path: those that leave it (a line break inside quotes,
    /// text after a closing quote, an unclosed quote, bytes that are not UTF-8 or are another
    /// encoding's) and those it keeps (valid UTF-8, a lone CR, a blank line, a quoted empty value,
    /// a quote inside a value). The parser's reading is the expected one.
    @Test func rowsAtTheEdgesOfTheOneCallPath() throws {
        let rows = [
            "a,\"two\nlines\",c",  // left: a line break inside quotes
            "a,\"closed\"after,c",  // left: text after a closing quote
            "a,\"never closed,c",  // left: a quote that runs to the end
            "caf\u{E9},b,c",  // kept: valid UTF-8
            "a,b\r",  // kept: a lone CR ends a line
            "",  // kept: a blank line
            "\"\"",  // kept: a quoted empty value is not a blank line
            "a,mid\"quote,c",  // kept: a quote inside a value is text
        ]
        #expect(rows.map { Self.readsAtOnce($0 + "\n") } == [false, false, false, true, true, true, true, true])
        for (index, row) in rows.enumerated() {
            try Self.expectSameReading(
                Array("x,y,z\n\(row)\nlast,row,here\n".utf8), "row \(index): \(row.debugDescription)")
        }
        // Bytes that are not UTF-8 are decoded (and reported) by the parser.
        try Self.expectSameReading(
            Array("x,y\n".utf8) + [0x61, 0xE9, 0x2C, 0x62, 0x0A] + Array("c,d\n".utf8), "latin-1 byte")
        var windows1252 = ReadOptions()
        windows1252.encoding = .windows1252
        try Self.expectSameReading(
            [0x78, 0x2C, 0x79, 0x0A, 0x80, 0x2C, 0x9C, 0x0A], "windows-1252", options: windows1252)
    }

    /// Files of a few hundred kilobytes, so that rows cross the reader's 64 KiB windows, built at
    /// random from the pieces real exports have: empty values, quotes, doubled quotes, line
    /// breaks of three kinds, non-ASCII and invalid bytes, ragged rows, blank lines.
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func randomFiles(seed: UInt64) throws {
        var random = SampleRandom(seed: seed)
        let pieces: [[UInt8]] = [
            [], [], [], Array("plain".utf8), Array("Zoë Šimková".utf8), [0xE9, 0x41], [0xC3], Array("\"\"".utf8),
            Array("\"a,b\"".utf8), Array("\"say \"\"hi\"\"\"".utf8), Array("\"two\nlines\"".utf8),
            Array("\"two\r\nlines\"".utf8), Array("\"x\"y".utf8), Array("mid\"quote".utf8), Array("  spaced ".utf8),
            Array(repeating: UInt8(ascii: "w"), count: 40), Array("NULL".utf8),
        ]
        let lineEnds: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
        var bytes = Array("one,two,three,four,five\n".utf8)
        while bytes.count < 300_000 {
            let width = random.int(10) == 0 ? random.int(8) : 5
            for column in 0..<width {
                if column > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += pieces[random.int(pieces.count)]
            }
            bytes += lineEnds[random.int(random.int(20) == 0 ? 3 : 1)]
        }
        if random.int(2) == 0 { bytes += Array("\"unclosed,at,the end".utf8) }
        var options = ReadOptions()
        options.nullTokens = ["NULL"]
        try Self.expectSameReading(bytes, "seed \(seed)", options: options)
    }

    @Test(.enabled(if: Corpus.available, "../shared/corpora not found (set CRMKIT_CORPORA)"))
    func corpusFiles() throws {
        guard let root = Corpus.root else { return }
        var files: [String] = []
        for group in ["csv", "crm-csv", "encodings"] {
            let directory = root.appendingPathComponent(group)
            guard let walk = FileManager.default.enumerator(atPath: directory.path) else { continue }
            for case let file as String in walk where [".csv", ".tsv", ".txt"].contains(where: file.hasSuffix) {
                files.append(directory.appendingPathComponent(file).path)
            }
        }
        #expect(files.count > 150, "found \(files.count) files")
        for file in files.sorted() {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            try Self.expectSameReading(bytes, String(file.dropFirst(root.path.count + 1)))
        }
        print("plain rows at once: \(files.count) corpus files read the same both ways")
    }
}
