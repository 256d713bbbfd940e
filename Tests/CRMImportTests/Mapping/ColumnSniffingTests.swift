import Testing
@testable import CRMImport

/// The value tests `mapping init` proposes rules by: what a phone number looks like, and what only
/// resembles one.
@Suite struct ColumnSniffingTests {
    @Test(arguments: ["+1 415 555 0101", "(415) 555-0101", "555.010.0199", "+44 20 7946 0958", "0171/1234567"])
    func phoneNumbersLookLikePhones(_ value: String) {
        #expect(ValueSniffer.looksLikePhone(value))
    }

    /// Amounts as Dynamics exports them, a short code, a year, words.
    @Test(arguments: ["4325.0000000000", "-12.5000000", "12345", "2024", "call me", "1234567.89"])
    func amountsAndCodesDoNot(_ value: String) {
        #expect(!ValueSniffer.looksLikePhone(value))
    }
}

@Suite struct PhoneColumnSniffingTests {
    @Test func oneCodeRepeatedIsNotAPhoneColumn() {
        #expect(!ValueSniffer.isPhoneColumn(Array(repeating: "794560000", count: 8) + ["794560001"]))
        #expect(!ValueSniffer.isPhoneColumn(Array(repeating: "794560000", count: 4)))
        #expect(ValueSniffer.isPhoneColumn(["4155550101", "4155550102", "4155550103", "4155550104", "4155550105"]))
        #expect(ValueSniffer.isPhoneColumn(Array(repeating: "+1 415 555 0100", count: 8)))
    }
}
