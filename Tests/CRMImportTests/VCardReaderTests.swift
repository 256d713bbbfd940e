import Foundation
import Testing
@testable import CRMImport

@Suite("vCard reader")
struct VCardReaderTests {
    func card(_ body: String, version: String = "3.0") -> String {
        "BEGIN:VCARD\r\nVERSION:\(version)\r\n\(body)END:VCARD\r\n"
    }

    @Test func unfoldingDependsOnVersion() throws {
        let v3 = try readAll(card("NOTE:an\r\n  example\r\nFN:A\r\n\tB\r\n"), .vcard).records[0]
        #expect(v3.first("NOTE") == "an example")
        #expect(v3.first("FN") == "AB")
        let v21 = try readAll(card("NOTE:an\r\n example\r\n", version: "2.1"), .vcard).records[0]
        #expect(v21.first("NOTE") == "an example")
        // A folded " END:VCARD" is a continuation, not the end of the card.
        let two = try readAll(card("NOTE:x\r\n END:VCARD\r\n") + card("FN:second\r\n"), .vcard).records
        #expect(two.count == 2)
        #expect(two[0].first("NOTE") == "xEND:VCARD")
    }

    /// A line the card cannot take leaves the card as it was: an invalid property name is skipped
    /// and the card keeps its other properties; a card grown past its byte limit is skipped with
    /// one error, and the next card is read whole.
    @Test func linesACardCannotTakeLeaveItAsItWas() throws {
        let (kept, skipped) = try readAll(card("FN:A\r\nBAD NAME:x\r\nEMAIL:a@example.com\r\n"), .vcard)
        #expect(kept.map { $0.fields.map(\.name) } == [["VERSION", "FN", "EMAIL"]])
        #expect(skipped.map(\.message) == ["invalid property name, line ignored: \"BAD NAME:x\""])
        var options = ReadOptions()
        options.maxRecordBytes = 60
        let long = card("FN:A\r\nNOTE:\(String(repeating: "n", count: 70))\r\nEMAIL:a@example.com\r\n")
        let (records, issues) = try readAll(long + card("FN:B\r\n"), .vcard, options)
        #expect(records.map { $0.fields.map(\.name) } == [["VERSION", "FN"]])
        #expect(records.first?.provenance.line == 7)
        #expect(issues.count == 1 && issues[0].message.contains("the card starting on line 1 is skipped"))
    }

    @Test func quotedPrintableSoftBreaksAndCharsets() throws {
        // A soft break in the middle of a UTF-8 sequence (十 = E5 8D 81).
        let qp =
            """
            FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=8D=\r\n\
            =81=E5=9F=8E\r\n\
            N;QUOTED-PRINTABLE;CHARSET=UTF-8:=\r\n\
            Br=C3=BCning;=\r\n\
            Michael\r\n
            """
        let r = try readAll(card(qp, version: "2.1"), .vcard).records[0]
        #expect(r.first("FN") == "十城")
        #expect(r.first("N.family") == "Brüning")
        #expect(r.first("N.given") == "Michael")
        #expect(r.fields.first { $0.name == "FN" }?.parameters.isEmpty == true)
        // CHARSET on raw bytes, and QP without CHARSET (fallback, with a warning).
        var bytes =
            Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=windows-1252:Do".utf8) + [0xEB]
            + Array("\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski\r\nEND:VCARD\r\n".utf8)
        var (rs, issues) = try readAll(bytes, .vcard)
        #expect(rs[0].first("FN") == "Doë")
        #expect(rs[0].first("NOTE") == "Iksiñski")
        #expect(issues.count == 1 && issues[0].message.contains("windows-1252"))
        var o = ReadOptions()
        o.fallbackEncoding = .windows1250
        (rs, issues) = try readAll(bytes, .vcard, o)
        #expect(rs[0].first("NOTE") == "Iksiński")
        bytes = Array(
            card("FN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=96=BC=96=B3=82=B5\r\n", version: "2.1").utf8)
        #expect(try readAll(bytes, .vcard).records[0].first("FN") == "名無し")
    }

    @Test func binaryValuesBecomeDataURIs() throws {
        let b64 = "/9j/4AAQSkZJRgABAQ=="
        let variants = [
            card("PHOTO;ENCODING=b;TYPE=JPEG:\(b64)\r\n"),
            card("PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n  /9j/4AAQSkZJ\r\n  RgABAQ==\r\n"),
            card("PHOTO;BASE64;JPEG:/9j/4AAQ\r\n SkZJRgABAQ==\r\n\r\n", version: "2.1"),
            card("PHOTO:data:image/jpeg;base64,\(b64)\r\n"),
            card("PHOTO;VALUE=URI:data:image/jpeg;base64,\(b64)\r\n", version: "4.0"),
            card("PHOTO:\(b64)\r\n"),
        ]
        for v in variants {
            let r = try readAll(v, .vcard).records[0]
            #expect(r.first("PHOTO") == "data:image/jpeg;base64,\(b64)", "\(v)")
        }
        // A URL stays a URL.
        #expect(
            try readAll(card("PHOTO;VALUE=uri:http://x.example/a.jpg\r\n"), .vcard).records[0].first("PHOTO")
                == "http://x.example/a.jpg")
    }

    @Test func parameters() throws {
        let r = try readAll(
            card(
                """
                TEL;CELL;WORK:1\r\n\
                TEL;TYPE=work,voice;TYPE=pref:2\r\n\
                TEL;TYPE=\"work,cell\";PREF=1:3\r\n\
                ADR;TYPE=\"Both work and home\",POSTAL:;;s\r\n\
                EMAIL;;type=INTERNET;:e\r\n
                """
            ), .vcard
        ).records[0]
        let tels = r.fields(named: "TEL")
        #expect(
            tels.map { $0.parameter("TYPE") } == [["CELL", "WORK"], ["work", "voice", "pref"], ["work", "cell"]])
        #expect(tels[2].parameter("PREF") == ["1"])
        #expect(tels[1].has("type", "PREF"))
        #expect(r.fields(named: "ADR")[0].parameter("TYPE") == ["Both work and home", "POSTAL"])
        #expect(r.fields(named: "EMAIL")[0].parameter("TYPE") == ["INTERNET"])
    }

    @Test func escapesAndStructuredValues() throws {
        let r = try readAll(
            card(
                """
                N:last\\;;first\\\\;middle\\\\\\;\\\\;prefix;\r\n\
                URL:http\\://domain.tld\r\n\
                FN:Public\\, Esq.\r\n\
                NOTE:a\\nb\\Nc\r\n\
                ORG:ABC\\, Inc.;North;Marketing\r\n\
                ADR;TYPE=work:;Suite 1;2875 Laurier;Quebec;QC;G1V 2M2;Canada\r\n\
                CATEGORIES:a,b\\,c, d\r\n
                """
            ), .vcard
        ).records[0]
        #expect(r.first("N.family") == "last;")
        #expect(r.first("N.given") == "first\\")
        #expect(r.first("N.additional") == "middle\\;\\")
        #expect(r.first("N.prefix") == "prefix")
        #expect(r.first("URL") == "http://domain.tld")
        #expect(r.first("FN") == "Public, Esq.")
        #expect(r.first("NOTE") == "a\nb\nc")
        #expect(r.first("ORG.name") == "ABC, Inc.")
        #expect(r.all("ORG.unit") == ["North", "Marketing"])
        #expect(r.first("ADR.extended") == "Suite 1")
        #expect(r.first("ADR.street") == "2875 Laurier")
        #expect(r.first("ADR.country") == "Canada")
        #expect(r.first("ADR.pobox") == nil)
        #expect(r.all("CATEGORIES") == ["a", "b,c", "d"])
    }

    @Test func groupsAndAppleLabelsAndGroupCards() throws {
        let r = try readAll(
            card(
                """
                item1.EMAIL;type=INTERNET:a@x.example\r\n\
                item1.X-ABLabel:_$!<Other>!$_\r\n\
                item2.EMAIL:b@x.example\r\n\
                item2.X-ABLabel:Private\r\n
                """
            ), .vcard
        ).records[0]
        let emails = r.fields(named: "EMAIL")
        #expect(emails.map(\.group) == ["item1", "item2"])
        #expect(r.fields(named: "X-ABLABEL").map(\.value) == ["Other", "Private"])
        let g = try readAll(
            card(
                """
                FN:Team\r\n\
                X-ADDRESSBOOKSERVER-KIND:group\r\n\
                X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:1\r\n\
                X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:2\r\n
                """
            ), .vcard
        ).records[0]
        #expect(g.first("X-ADDRESSBOOKSERVER-KIND") == "group")
        #expect(g.all("X-ADDRESSBOOKSERVER-MEMBER") == ["urn:uuid:1", "urn:uuid:2"])
        // A group on BEGIN/END, lower-case names.
        let h = try readAll("home.begin:vcard\nversion:3.0\nfn:X\nhome.tel:1\nhome.end:vcard\n", .vcard).records
        #expect(h.count == 1 && h[0].fields(named: "TEL")[0].group == "home")
    }

    @Test func nestedAgentCardsAreRecordsOfTheirOwn() throws {
        let text =
            """
            BEGIN:VCARD\r\n\
            VERSION:2.1\r\n\
            FN:Boss\r\n\
            AGENT:\r\n\
            BEGIN:VCARD\r\n\
            VERSION:2.1\r\n\
            FN:Assistant\r\n\
            END:VCARD\r\n\
            TEL:1\r\n\
            END:VCARD\r\n
            """
        let (rs, issues) = try readAll(text, .vcard)
        #expect(issues.isEmpty)
        #expect(rs.map { $0.first("FN") ?? "" } == ["Assistant", "Boss"])
        #expect(rs[1].first("TEL") == "1")
        #expect(rs[1].fields(named: "AGENT")[0].parameter("RECORD") == ["1"])
        #expect(rs[0].provenance.line == 5 && rs[1].provenance.line == 1)
    }

    /// A damaged property costs that property, never the card's name and e-mails.
    @Test func damagedPropertyIsDroppedAndTheCardKept() throws {
        let text =
            card("FN:one\r\n") + card("FN:two\r\nPHOTO;ENCODING=b:@@@not base64@@@\r\nEMAIL:two@x.com\r\n")
            + card("FN:three\r\n")
        let (rs, issues) = try readAll(text, .vcard)
        #expect(rs.map { $0.first("FN") ?? "" } == ["one", "two", "three"])
        #expect(rs[1].first("EMAIL") == "two@x.com" && rs[1].first("PHOTO") == nil)
        #expect(!issues.contains { $0.severity == .error })
        let dropped = issues.filter { $0.kind == .dropped }
        #expect(dropped.count == 1)
        #expect(dropped.first?.provenance.line == 8 && dropped.first?.field == "PHOTO")
        #expect(dropped.first?.message.contains("base64") == true)
    }

    @Test func lenientStructure() throws {
        // No BEGIN, no END, a truncated last line.
        let (rs, issues) = try readAll("VERSION:3.0\r\nFN:x\r\nE", .vcard)
        #expect(rs.count == 1 && rs[0].first("FN") == "x")
        #expect(issues.count == 3)
        // Missing END before the next BEGIN.
        let (rs2, issues2) = try readAll("BEGIN:VCARD\nFN:a\nBEGIN:VCARD\nFN:b\nEND:VCARD\n", .vcard)
        #expect(rs2.map { $0.first("FN") ?? "" } == ["a", "b"])
        #expect(issues2.count == 1)
        // CR CR LF line ends, bare CR inside a value in an LF file, CR-only files.
        #expect(try readAll("BEGIN:VCARD\r\r\nFN:a\r\r\nEND:VCARD\r\r\n", .vcard).records[0].first("FN") == "a")
        #expect(try readAll("BEGIN:VCARD\nNOTE:a\rb\nEND:VCARD\n", .vcard).records[0].first("NOTE") == "a\rb")
        #expect(try readAll("BEGIN:VCARD\rFN:a\rEND:VCARD\r", .vcard).records[0].first("FN") == "a")
    }

    @Test func trailingBackslashes() throws {
        // Found by fuzzing: an escape at the very end of a structured or list value.
        let r = try readAll(card("N:last\\\\\\\r\nORG:a;b\\\r\nCATEGORIES:x,\\\r\nNOTE:end\\\r\n"), .vcard).records[0]
        #expect(r.first("N.family") == "last\\\\")
        #expect(r.all("ORG.unit") == ["b\\"])
        #expect(r.first("NOTE") == "end\\")
        let crash: [UInt8] = [0x4E, 0x3A, 0x61, 0x5C]  // "N:a\" at the end of the input
        _ = try readAll(Array("BEGIN:VCARD\r\n".utf8) + crash, .vcard)
    }

    @Test func utf16WithoutBOM() throws {
        let text = card("FN:Ǽgean ĽdaMonté\r\n")
        var be: [UInt8] = []
        for u in text.utf16 { be += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        #expect(try readAll(be, .vcard).records[0].first("FN") == "Ǽgean ĽdaMonté")
    }

    @Test func manyCardsAcrossChunks() throws {
        var text = ""
        for i in 0..<3000 { text += card("FN:Person \(i)\r\nNOTE:\(String(repeating: "n", count: i % 200))\r\n") }
        let (rs, issues) = try readAll(text, .vcard)
        #expect(issues.isEmpty)
        #expect(rs.count == 3000)
        #expect(rs.last?.first("FN") == "Person 2999")
        #expect(rs.last?.provenance.line == 2999 * 5 + 1)
    }

    /// Apple's `_$!<Other>!$_` labels lose their marks; ASCII ones are cut on their bytes, which
    /// must give what cutting Characters gives.
    @Test func appleLabels() {
        let cases: [(String, String)] = [
            ("_$!<Other>!$_", "Other"), ("_$!<HomeFax>!$_", "HomeFax"), ("_$!<>!$_", "_$!<>!$_"),
            ("_$!<a>!$_", "a"), ("Other", "Other"), ("_$!<Home", "_$!<Home"), ("Home>!$_", "Home>!$_"),
            ("_$!<Büro>!$_", "Büro"), ("_$!<\r\n>!$_", "\r\n"), ("", ""),
        ]
        for (label, expected) in cases {
            #expect(VCardValues.appleLabel(label) == expected, "\(label.debugDescription)")
            let byCharacters =
                label.hasPrefix("_$!<") && label.hasSuffix(">!$_") && label.count > 8
                ? String(label.dropFirst(4).dropLast(4)) : label
            #expect(VCardValues.appleLabel(label) == byCharacters, "\(label.debugDescription)")
        }
    }
}
