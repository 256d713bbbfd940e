import Foundation
import Testing
@testable import CRMImport

/// What `CXMLBridge` decides itself now that it reads through libxml2's SAX2 push parser rather
/// than a tree: which whitespace is indentation, that text cut into pieces of input is one value,
/// that an ampersand in an attribute is plain text, lines past 65,535, and what is kept when the
/// document breaks off. The expected values are the ones libxml2's tree-building reader gave.
@Suite("XML bridge")
struct XMLBridgeTests {
    @Test func indentationIsDroppedAndOtherWhitespaceKept() throws {
        let xml = """
            <r><rec><a>  </a><b>
             <c>x</c>
            </b><d>text <i>it</i> tail
            </d><e><!-- c --> </e><f/><g></g></rec></r>
            """
        let (records, issues) = try readAll(xml, .xml)
        #expect(issues.isEmpty)
        let record = try #require(records.first)
        #expect(record.first("rec/a") == "  ")
        #expect(record.first("rec/b/c") == "x")
        #expect(record.first("rec/b") == nil)
        #expect(record.first("rec/d") == "text  tail")
        #expect(record.first("rec/d/i") == "it")
        #expect(record.first("rec/e") == "")
        #expect(record.first("rec/f") == "" && record.first("rec/g") == "")
    }

    /// The parser is fed 512 bytes at a time: a value longer than that, with entities, character
    /// references and CDATA in it, is still one value.
    @Test func aValueLongerThanAPieceOfInputIsOneValue() throws {
        let parts = (0..<400).map { "part \($0) &amp; <![CDATA[<cd>]]> &co; " }
        let xml =
            "<?xml version=\"1.0\"?><!DOCTYPE list [<!ENTITY co \"Acme\">]><list><rec><note>"
            + parts.joined() + "</note><n>1</n></rec></list>"
        let (records, issues) = try readAll(xml, .xml)
        #expect(issues.isEmpty)
        let expected = (0..<400).map { "part \($0) & <cd> Acme " }.joined()
        let note = records.first?.first("note")
        #expect(note == expected, "the note has \(note?.count ?? 0) characters, \(expected.count) expected")
        #expect(records.map { $0.first("n") } == ["1"])
    }

    /// libxml2 leaves `&amp;` in an attribute as `&#38;`; the bridge turns it back, so such a
    /// value is plain text and does not count against the bound on expanding entities (1 MiB per
    /// document), which 30,000 of these values would pass.
    @Test func ampersandsInAttributesAreText() throws {
        let records = (0..<30_000).map { "<rec co=\"Smith &amp; Sons Holding Company Limited\"><n>\($0)</n></rec>" }
        let (read, issues) = try readAll("<list>" + records.joined() + "</list>", .xml)
        #expect(issues.isEmpty)
        #expect(read.count == 30_000)
        #expect(read.last?.first("@co") == "Smith & Sons Holding Company Limited")
        #expect(read.last?.first("n") == "29999")
    }

    @Test func linesPastSixtyFiveThousandAreExact() throws {
        let comments = (0..<69_990).map { "<!-- \($0) -->" }
        let xml = (["<list>"] + comments + ["<rec><n>late</n></rec>", "</list>"]).joined(separator: "\n")
        let (records, issues) = try readAll(xml, .xml)
        #expect(issues.isEmpty)
        #expect(records.map(\.provenance.line) == [69_992])
    }

    /// Records parsed before the piece of input the parser failed in are kept (77 of the 100
    /// here: the pieces are 512 bytes), and the error says where reading stopped.
    @Test func recordsBeforeAFatalErrorAreKept() throws {
        let xml = "<list>" + (0..<100).map { "<rec><n>\($0)</n></rec>" }.joined() + "<rec><n>broken</rec></list>"
        let (records, issues) = try readAll(xml, .xml)
        #expect(records.count == 77)
        #expect(records.last?.first("n") == "76")
        #expect(issues.count == 1)
        #expect(issues.first?.message.contains("Opening and ending tag mismatch") == true)
        #expect(issues.first?.message.contains("reading stopped here") == true)
    }
}
