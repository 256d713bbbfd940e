import Foundation
import Testing
@testable import CRMImport

/// The regex-free answers of `replace` with a `^…$` pattern of fixed length must be the regex's own.
@Suite struct AnchoredPatternReplaceTests {
    func regexAnswer(_ pattern: String, _ text: String, _ template: String) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    static let texts = [
        "0/0/00", "0.0.00", "0/0.00", "0-0-00", "1/2/1980", "", " 0/0/00", "0/0/00 ", "0/0/00\n", "0/0/000", "x0/0/00",
        "0/0/00\r\n", "é0/0/00", "0/0/0", "n/a", "N/A", "n/a\n", "١/٢/٣", "12-ab", "12-Ab", "9z", "a&b",
    ]

    @Test(arguments: [
        "^0/0/00$", "^n/a$", "^0[/.]0[/.]00$", "^\\d\\d-[a-z][a-z]$", "^[0-9A-Fa-f][x-z]$", "^0\\/0\\.00$", "^[-/]$",
    ])
    func sameAnswersAsTheRegex(pattern: String) throws {
        let box = RegexBox(regex: try NSRegularExpression(pattern: pattern), pattern: pattern)
        #expect(box.anchored != nil, "\(pattern) is read as positions")
        for text in Self.texts {
            let expected = try regexAnswer(pattern, text, "")
            let fast = box.replacingAnchoredPattern(in: text, with: "") ?? expected
            #expect(fast == expected, "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test func regexSyntaxIsLeftToTheRegex() {
        for pattern in [
            "^0.0$", "^(a)$", "0/0/00", "^a\\$", "^a*$", "^[^0-9]$", "^[a&&b]$", "^[[:alpha:]]$", "^\\w$", "^a{2}$",
            "^[]$", "^[a$",
        ] {
            #expect(AnchoredPattern(pattern) == nil, "\(pattern)")
        }
    }

    @Test func templatesWithGroupsUseTheRegex() throws {
        let box = RegexBox(regex: try NSRegularExpression(pattern: "^ab$"), pattern: "^ab$")
        #expect(box.replacingAnchoredPattern(in: "ab", with: "$0$0") == nil)
    }
}
