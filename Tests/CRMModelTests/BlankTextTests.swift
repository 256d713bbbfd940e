import Testing
@testable import CRMModel

/// `isBlankText` answers on bytes for ASCII; it must equal the `Character` answer everywhere.
@Suite struct BlankTextTests {
    @Test func equalsTheCharacterAnswer() {
        let texts = [
            "", " ", "\t\r\n", "\r\n", " a ", "a", "\u{0B}\u{0C}", "\u{1C}", " \u{00A0}", "\u{00A0}", " \u{301}",
            "\u{2003}x", " é", "\u{3000}", "x\u{00A0}",
        ]
        for text in texts {
            #expect(text.isBlankText == text.allSatisfy(\.isWhitespace), "\(text.debugDescription)")
        }
    }
}
