import Foundation
import Testing
@testable import CRMImport

/// The regex-free answers of `replace` with a `^literal$` pattern must be the regex's own.
@Suite struct AnchoredLiteralReplaceTests {
    func regexAnswer(_ pattern: String, _ text: String, _ template: String) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    @Test func sameAnswersAsTheRegex() throws {
        let texts = [
            "0/0/00", "1/2/1980", "", " 0/0/00", "0/0/00 ", "0/0/00\n", "0/0/000", "x0/0/00", "0/0/00\r\n", "é0/0/00",
        ]
        for pattern in ["^0/0/00$", "^n/a$"] {
            let box = RegexBox(regex: try NSRegularExpression(pattern: pattern), pattern: pattern)
            #expect(box.anchoredLiteral != nil)
            for text in texts {
                let expected = try regexAnswer(pattern, text, "")
                let fast = box.replacingAnchoredLiteral(in: text, with: "") ?? expected
                #expect(fast == expected, "\(pattern) on \(text.debugDescription)")
            }
        }
    }

    @Test func regexSyntaxIsNotALiteral() {
        #expect(RegexBox.anchoredLiteral(of: "^0.0$") == nil)
        #expect(RegexBox.anchoredLiteral(of: "^(a)$") == nil)
        #expect(RegexBox.anchoredLiteral(of: "0/0/00") == nil)
        #expect(RegexBox.anchoredLiteral(of: "^a\\$") == nil)
    }

    @Test func templatesWithGroupsUseTheRegex() throws {
        let box = RegexBox(regex: try NSRegularExpression(pattern: "^ab$"), pattern: "^ab$")
        #expect(box.replacingAnchoredLiteral(in: "ab", with: "$0$0") == nil)
    }
}
