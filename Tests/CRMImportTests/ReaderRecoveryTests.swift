import Foundation
import Testing
@testable import CRMImport

/// Damaged and nonsensical input: what is recovered, and what is reported (and how).
@Suite struct ReaderRecoveryTests {
    func error(_ body: () throws -> Any) -> SourceReadError? {
        do {
            _ = try body()
            return nil
        } catch let e as SourceReadError {
            return e
        } catch {
            return nil
        }
    }

    // MARK: CSV

    @Test func anUnclosedQuoteThatSwallowsWholeRowsRejectsOnlyItsRow() throws {
        let csv = "name,city,email\nYan,Oslo,yan@x.com\nZed,\"Zulu,zed@x.com\nAmy,Paris,amy@x.com\nBob,Rome,bob@x.com\n"
        let (records, issues) = try readAll(csv, .csv)
        #expect(records.map { $0.first("name") ?? "" } == ["Yan", "Amy", "Bob"])
        #expect(records.map(\.provenance.line) == [2, 4, 5])
        let errors = issues.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.provenance.line == 3 && errors.first?.kind == .rejected)
        #expect(errors.first?.message.contains("swallowed the next 2 line(s)") == true)
        #expect(errors.first?.hint?.contains("Zed,\"Zulu,zed@x.com") == true)
    }

    @Test func anUnclosedQuoteClosedLaterStillRecoversTheRowsBetween() throws {
        let csv =
            "name,city,email\nZed,\"Zulu,zed@x.com\nAmy,Paris,amy@x.com\nBob,Rome,bob@x.com\nCy,\"Lyon\",cy@x.com\n"
        let (records, issues) = try readAll(csv, .csv)
        #expect(records.prefix(2).map { $0.first("name") ?? "" } == ["Amy", "Bob"])
        #expect(issues.contains { $0.severity == .error && $0.provenance.line == 2 })
    }

    @Test func aRealMultiLineValueIsNotTakenForASwallowedRow() throws {
        let csv = "name,address,email\nAnn,\"1 Main St\nSpringfield\",ann@x.com\nBob,Rome,bob@x.com\n"
        let (records, issues) = try readAll(csv, .csv)
        #expect(records.map { $0.first("address") ?? "" } == ["1 Main St\nSpringfield", "Rome"])
        #expect(issues.isEmpty)
    }

    @Test func fieldsPaddedBeforeTheirQuoteAreDetectedAndRead() throws {
        let csv = "name, quote, n\nArt, \"Art's, Inc\", '3'\nBea, \"Bea \"\"B\"\"\", '4'\n"
        let (records, issues) = try readAll(csv, .csv)
        #expect(records.map { $0.first("quote") ?? "" } == ["Art's, Inc", "Bea \"B\""])
        #expect(records.map { $0.first("n") ?? "" } == ["'3'", "'4'"])
        #expect(issues.contains { $0.message.contains("space before their opening quote") && $0.kind == .notice })
        // Off: the quotes stay data, as RFC 4180 says.
        let (plain, _) = try readAll(csv, .csv, ReadOptions(skipInitialSpace: false))
        #expect(plain.first?.first("quote") == " \"Art's")
    }

    @Test func spaceQuoteInsideAQuotedValueIsNotADialect() throws {
        let csv = "name,note\nAnn,\"said, \"\"yes\"\", then, \"\"no\"\"\"\nBob, plain\n"
        let (records, issues) = try readAll(csv, .csv)
        #expect(records.map { $0.first("note") ?? "" } == ["said, \"yes\", then, \"no\"", " plain"])
        #expect(!issues.contains { $0.message.contains("space before their opening quote") })
    }

    @Test func sniffReportsTheDialect() throws {
        let path = tempFile("sniff.csv")
        try "name; quote\nArt; \"A; B\"\nBea; \"C\"\n".write(toFile: path, atomically: false, encoding: .utf8)
        let lines = try SourceReaders.sniff(path: path)
        #expect(lines.contains("format: csv"))
        #expect(lines.contains("delimiter: ';'"))
        #expect(lines.contains("quote: '\"'"))
        #expect(lines.contains("encoding: utf-8 (certain confidence: valid UTF-8)"))
        #expect(lines.contains("header row: line 1, 2 columns: name, quote"))
        #expect(lines.contains("skip initial space: yes"))
    }

    @Test func aBinaryFileIsNotReadAsCSV() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let random = (0..<8192).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let e = error { try readAll(random, .csv) }
        #expect(e?.message.contains("not a text file") == true && e?.message.contains("binary data") == true)
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(0x41), count: 100)
        #expect(error { try readAll(png, .csv) }?.message.contains("a PNG image") == true)
        let xlsx = [0x50, 0x4B, 0x03, 0x04] + Array(repeating: UInt8(0x20), count: 100)
        #expect(error { try readAll(xlsx, .csv) }?.message.contains("export the sheet as CSV") == true)
    }

    @Test func filesWithoutRecordsAreErrors() throws {
        #expect(
            error { try readAll("", .csv) }?.message
                == "no records read from this csv file: the file is empty (0 bytes)")
        #expect(error { try readAll("", .vcard) }?.message.contains("the file is empty") == true)
        #expect(
            error { try readAll("just some text\n", .vcard) }?.message.contains(
                "no BEGIN:VCARD card in it (it starts: \"just some text\")") == true)
        // A caller that accounts for an empty run itself gets the description as a notice.
        var reader = try SourceReaders.open(bytes: Array("a,b\n".utf8), name: "h.csv", format: .csv)
        reader.throwsWithoutRecords = false
        let last = try reader.next()
        guard case .issue(let notice)? = last else {
            Issue.record("expected a notice, got \(String(describing: last))"); return
        }
        #expect(notice.kind == .notice && notice.message.contains("only a header row"))
        #expect(try reader.next() == nil)
        let strict = ReadOptions(raggedRows: .strict)
        #expect(
            error { try readAll("a,b\n1,2,3\n", .csv, strict) }?.message.contains("every record was rejected") == true)
    }

    // MARK: vCard

    /// An Android 2.1 export whose PHOTO was cut short: the contact keeps its name, e-mail and
    /// company; the photo is reported as dropped.
    @Test func aTruncatedPhotoCostsOnlyThePhoto() throws {
        var photo = String(repeating: "/9j/4AAQSkZJRgABAQAAAQABAAD", count: 6)
        while photo.utf8.count % 4 != 1 { photo.removeLast() }
        let lines = [
            "BEGIN:VCARD", "VERSION:2.1", "N:Doe;Jane;;;", "FN:Jane Doe", "ORG:Acme", "EMAIL;HOME:jane@x.com",
            "PHOTO;ENCODING=BASE64;JPEG:" + String(photo.prefix(40)), " " + String(photo.dropFirst(40)),
            "", "TEL;CELL:555 0100", "END:VCARD",
            "BEGIN:VCARD", "VERSION:2.1", "FN:John Roe", "END:VCARD",
        ]
        let (records, issues) = try readAll(lines.joined(separator: "\r\n") + "\r\n", .vcard)
        #expect(records.map { $0.first("FN") ?? "" } == ["Jane Doe", "John Roe"])
        #expect(
            records[0].first("EMAIL") == "jane@x.com" && records[0].first("ORG.name") == "Acme"
                && records[0].first("TEL") == "555 0100")
        #expect(records[0].first("PHOTO") == nil)
        let dropped = try #require(issues.first { $0.kind == .dropped })
        #expect(dropped.field == "PHOTO" && dropped.provenance.line == 7 && dropped.severity == .warning)
        #expect(!issues.contains { $0.severity == .error })
    }

    @Test func aDeclaredUTF8CharsetWithOneBadByteKeepsUTF8AndSaysSo() throws {
        let text =
            """
            BEGIN:VCARD\r\n\
            VERSION:2.1\r\n\
            FN:X\r\n\
            NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=C3=91=FF=C3=91\r\n\
            END:VCARD\r\n
            """
        let (records, issues) = try readAll(text, .vcard)
        #expect(records.first?.first("NOTE") == "ÑÑ\u{FFFD}Ñ")
        let altered = try #require(issues.first { $0.kind == .altered })
        #expect(altered.field == "NOTE" && altered.provenance.line == 4)
        #expect(
            altered.message.contains("CHARSET=UTF-8") && altered.message.contains("U+FFFD")
                && !altered.message.contains("no CHARSET"))
    }

    @Test func aValueWithoutCharsetFallingBackIsReportedAsAltered() throws {
        let bytes = Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jos".utf8) + [0xE9] + Array("\r\nEND:VCARD\r\n".utf8)
        let (records, issues) = try readAll(bytes, .vcard, ReadOptions(encoding: .utf8))
        #expect(records.first?.first("FN") == "José")
        #expect(issues.contains { $0.kind == .altered && $0.field == "FN" && $0.message.contains("it has no CHARSET") })
    }

    // MARK: XML

    @Test func internalEntitiesAreExpanded() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE people [ <!ENTITY co "Acme"> <!ENTITY full "&co; Corp &#38;#38; Sons"> ]>
            <people>
              <person org="&co; Ltd &amp; &#233;">
                <name>Ann</name>
                <company>&co; Inc</company>
                <legal>&full;</legal>
              </person>
            </people>
            """
        let (records, issues) = try readAll(xml, .xml)
        #expect(records.first?.first("@org") == "Acme Ltd & é")
        #expect(records.first?.first("company") == "Acme Inc")
        #expect(records.first?.first("legal") == "Acme Corp & Sons")
        #expect(issues.isEmpty)
    }

    @Test func anExternalEntityIsReportedOnItsLine() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE people [ <!ENTITY xxe SYSTEM "file:///etc/hostname"> ]>
            <people>
              <person>
                <name>Ann</name>
                <note>&xxe;</note>
              </person>
            </people>
            """
        let (records, issues) = try readAll(xml, .xml)
        #expect(records.first?.first("name") == "Ann")
        let w = try #require(issues.first { $0.message.contains("&xxe;") })
        #expect(w.provenance.line == 6 && w.kind == .dropped && w.field == "note")
    }

    @Test func anXMLFileWithoutRecordsAtThePathSaysWhatItHolds() throws {
        let xml = "<entities><entity name='account'><records><record id='1'/></records></entity></entities>"
        let e = error {
            try readAll(xml, .xml, ReadOptions(recordPath: "/entities/entity[@name='contact']/records/record"))
        }
        #expect(
            e?.message.contains("nothing matches the record path /entities/entity[@name='contact']/records/record")
                == true)
        #expect(e?.message.contains("entities in the file: account") == true)
        #expect(e?.message.contains("/entities/entity/records/record") == true)
        #expect(e?.hint?.contains("/entities/entity[@name='account']/records/record") == true)
    }
}
