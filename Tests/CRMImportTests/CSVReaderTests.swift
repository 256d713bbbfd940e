import Foundation
import Testing
@testable import CRMImport

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func quotedFieldsWithDelimitersQuotesAndLineEnds() throws {
        let csv = "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"l1\nl2\r\nl3\rl4\"\n"
        let (rs, issues) = try readAll(csv, .csv)
        #expect(issues.isEmpty)
        #expect(rs.count == 1)
        #expect(pairs(rs[0]) == [["a", "x,y"], ["b", "say \"hi\""], ["c", "l1\nl2\r\nl3\rl4"]])
        #expect(rs[0].provenance.line == 2)
    }

    @Test func mixedLineEndsAndMissingFinalNewline() throws {
        let (rs, _) = try readAll("h1,h2\r\n1,2\n3,4\r5,6\r\n7,8", .csv)
        #expect(rs.map { $0.first("h1") ?? "" } == ["1", "3", "5", "7"])
        #expect(rs.map(\.provenance.line) == [2, 3, 4, 5])
        #expect(rs.map(\.provenance.record) == [1, 2, 3, 4])
    }

    @Test func lineNumbersCountLineEndsInsideQuotes() throws {
        let (rs, _) = try readAll("a,b\n\"1\n\n\",2\n3,4\n", .csv)
        #expect(rs.map(\.provenance.line) == [2, 5])
    }

    @Test func byteOrderMarksAreDetectedAndStripped() throws {
        let text = "name,city\nZoë,Zürich\n"
        let utf8 = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        var le: [UInt8] = [0xFF, 0xFE], be: [UInt8] = [0xFE, 0xFF]
        for u in text.utf16 { le += [UInt8(u & 0xFF), UInt8(u >> 8)]; be += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        var le32: [UInt8] = [0xFF, 0xFE, 0, 0]
        for s in text.unicodeScalars {
            let v = s.value; le32 += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v >> 16), 0]
        }
        for bytes in [utf8, le, be, le32] {
            let (rs, issues) = try readAll(bytes, .csv)
            #expect(issues.isEmpty)
            #expect(pairs(rs[0]) == [["name", "Zoë"], ["city", "Zürich"]])
        }
        // UTF-16BE without a BOM (zero-byte pattern).
        let (rs, _) = try readAll(Array(be.dropFirst(2)), .csv)
        #expect(rs.first?.first("name") == "Zoë")
    }

    @Test func invalidUTF8FallsBackToWindows1252WithAWarningNeverReplacementCharacters() throws {
        let bytes: [UInt8] = Array("a,b\n1,".utf8) + [0xA9, 0x80] + Array("\n".utf8)
        let (rs, issues) = try readAll(bytes, .csv)
        #expect(rs[0].first("b") == "©€")
        #expect(issues.contains { $0.message.contains("windows-1252") })
        #expect(!(rs[0].first("b") ?? "").contains("\u{FFFD}"))
        // A late invalid byte in an otherwise UTF-8 file: only that value is decoded with the fallback.
        var big = Array("a,b\n".utf8)
        for i in 0..<20_000 { big += Array("\(i),ok é\n".utf8) }
        big += [0x78, 0x2C, 0xE9, 0x0A]
        let (rs2, issues2) = try readAll(big, .csv)
        #expect(rs2.last?.first("b") == "é")
        #expect(issues2.count == 1)
        #expect(issues2[0].provenance.line == 20_002)
        // Forced encoding.
        var o = ReadOptions()
        o.encoding = .latin1
        let (rs3, issues3) = try readAll(bytes, .csv, o)
        #expect(rs3[0].first("b") == "©\u{80}")
        #expect(issues3.isEmpty)
    }

    @Test func delimiterDetectionAndExcelSepLine() throws {
        #expect(try readAll("a;b;c\n1;\"2;x\";3\n", .csv).records[0].first("b") == "2;x")
        #expect(try readAll("a\tb\n1\t2\n", .csv).records[0].first("b") == "2")
        #expect(try readAll("a|b\n1|2\n", .csv).records[0].first("b") == "2")
        let (rs, _) = try readAll("sep=;\na;b\n1,5;2\n", .csv)
        #expect(pairs(rs[0]) == [["a", "1,5"], ["b", "2"]])
        var o = ReadOptions()
        o.delimiter = UInt8(ascii: "`")
        #expect(try readAll("a`b\n1`2\n", .csv, o).records[0].first("b") == "2")
    }

    @Test func headerNamesAreMadeUnique() throws {
        let (rs, _) = try readAll("Email,,Email, Name \n1,2,3,4\n", .csv)
        #expect(rs[0].fields.map(\.name) == ["Email", "_2", "Email_2", "Name"])
        #expect(CSVHeader.uniqueNames(["a", "a", "a_2"]) == ["a", "a_2", "a_2_2"])
        #expect(CSVHeader.normalizeSpace("\t\n\u{0B}\u{0C}\r start \t\n\u{0B}\u{0C}\r end \t") == "start end")
    }

    @Test func noHeaderNamesColumnsByPosition() throws {
        var o = ReadOptions()
        o.header = false
        let (rs, _) = try readAll("1,2,3\n4,5\n", .csv, o)
        #expect(rs.count == 2)
        #expect(rs[0].fields.map(\.name) == ["_1", "_2", "_3"])
        #expect(rs[1].fields.map(\.name) == ["_1", "_2"])
    }

    @Test func blankLinesAreSkipped() throws {
        let (rs, _) = try readAll("\n\n\na,b\n\n1,2\r\n\r\n3,4\n\n", .csv)
        #expect(rs.map { $0.first("a") ?? "" } == ["1", "3"])
        #expect(rs.map(\.provenance.line) == [6, 8])
    }

    @Test func raggedRowsLenientAndStrict() throws {
        let csv = "a,b,c\n1,2\n1,2,3,4\n5,6,7\n"
        let (rs, issues) = try readAll(csv, .csv)
        #expect(rs.count == 3)
        #expect(pairs(rs[0]) == [["a", "1"], ["b", "2"]])
        #expect(pairs(rs[1]) == [["a", "1"], ["b", "2"], ["c", "3"], ["_4", "4"]])
        #expect(issues.map(\.provenance.line) == [2, 3])
        #expect(issues[0].message.hasPrefix("expected 3 columns, found 2"))
        #expect(issues[1].message.hasPrefix("expected 3 columns, found 4"))
        #expect(issues.allSatisfy { $0.severity == .warning })
        var o = ReadOptions()
        o.raggedRows = .strict
        let (rs2, issues2) = try readAll(csv, .csv, o)
        #expect(rs2.count == 1)
        #expect(issues2.count == 2 && issues2.allSatisfy { $0.severity == .error })
    }

    /// NUL bytes inside a small text file are data (the binary check needs a real sample).
    @Test func nulBytesSurvive() throws {
        let (rs, _) = try readAll([0x61, 0x2C, 0x62, 0x0A, 0x00, 0x2C, 0x22, 0x00, 0x22, 0x0A], .csv)
        #expect(pairs(rs[0]) == [["a", "\0"], ["b", "\0"]])
    }

    @Test func lenientQuotesAndUnterminatedQuote() throws {
        let (rs, _) = try readAll("a,b\n37'37.8\"N,x\n", .csv)
        #expect(rs[0].first("a") == "37'37.8\"N")
        // A quote never closed, over a line that is not a row of the header's width: the value
        // runs to the end of the file, reported as altered.
        let (rs2, issues2) = try readAll("a,b\n1,\"open\nmore text\n", .csv)
        #expect(rs2.count == 1)
        #expect(rs2[0].first("b") == "open\nmore text\n")
        #expect(issues2.contains { $0.message.contains("not closed") && $0.kind == .altered && $0.field == "b" })
    }

    @Test func nullTokensCommentsAndSkipLines() throws {
        var o = ReadOptions()
        o.nullTokens = ["NULL", "N/A"]
        o.commentPrefix = "#"
        o.skipLines = 1
        let (rs, _) = try readAll("junk line\n# comment\na,b,c\nNULL,x,N/A\n", .csv, o)
        #expect(pairs(rs[0]) == [["b", "x"]])
    }

    @Test func recordsAcrossChunkBoundariesAndHugeFields() throws {
        var csv = "id,text\n"
        var expected: [String] = []
        for i in 0..<5000 {
            let t = i % 97 == 0 ? String(repeating: "x\"y,\n", count: 40_000 / 5) : "row \(i), with comma"
            expected.append(t)
            csv += "\(i),\"\(t.replacingOccurrences(of: "\"", with: "\"\""))\"\(i % 3 == 0 ? "\r\n" : "\n")"
        }
        let (rs, issues) = try readAll(csv, .csv)
        #expect(issues.isEmpty)
        #expect(rs.count == 5000)
        #expect(rs.map { $0.first("text") ?? "" } == expected)
        // And from a file (64 KiB chunks).
        let path = tempFile("chunks.csv")
        try csv.write(toFile: path, atomically: false, encoding: .utf8)
        let (frs, _) = try SourceReaders.readAll(path: path)
        #expect(
            frs
                == rs.map { r in
                    var r = r; r.provenance.file = path; return r
                })
    }

    @Test func recordSizeLimit() throws {
        var o = ReadOptions()
        o.maxRecordBytes = 1000
        // Many small records in a large window are fine.
        var csv = "a,b\n"
        for i in 0..<5000 { csv += "\(i),x\n" }
        let path = tempFile("limit.csv")
        try csv.write(toFile: path, atomically: false, encoding: .utf8)
        let (rs, issues) = try SourceReaders.readAll(path: path, options: o)
        #expect(rs.count == 5000 && issues.isEmpty)
        // An unbalanced quote: reported, that line is read again with quotes taken literally.
        var bad = "a,b\n1,\"open\n"
        for i in 0..<20_000 { bad += "\(i),y\n" }
        let path2 = tempFile("unbalanced.csv")
        try bad.write(toFile: path2, atomically: false, encoding: .utf8)
        let (rs2, issues2) = try SourceReaders.readAll(path: path2, options: o)
        #expect(issues2.first?.severity == .error)
        #expect(issues2.first?.provenance.line == 2)
        #expect(rs2.first?.first("b") == "\"open")
        #expect(rs2.count == 20_001)
    }

    @Test func inputsWithoutRecordsAreErrorsThatSayWhatTheFileHeld() throws {
        func message(_ text: String) -> String {
            do {
                _ = try readAll(text, .csv)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(message("").contains("no records read from this csv file: the file is empty (0 bytes)"))
        #expect(message("\n").contains("only blank or skipped lines"))
        #expect(message("a,b,c").contains("only a header row (line 1: a, b, c) and no data rows"))
        let (rs, _) = try readAll("a,b\n1,", .csv)
        #expect(pairs(rs[0]) == [["a", "1"], ["b", ""]])
    }

    @Test func formatDetection() {
        #expect(SourceFormat.fromExtension("x/y.VCF") == .vcard)
        #expect(SourceFormat.fromExtension("x.tsv") == .csv)
        #expect(SourceFormat.sniff(Array("\n<?xml version='1.0'?><a/>".utf8)) == .xml)
        #expect(SourceFormat.sniff(Array("BEGIN:VCARD\r\n".utf8)) == .vcard)
        #expect(SourceFormat.detect(path: "noext", prefix: Array("a,b\n".utf8)) == .csv)
    }
}
