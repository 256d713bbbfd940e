import Testing
@testable import CRMDedupe

/// Numbers are scanned on their UTF-8 bytes when ASCII and by `Character` otherwise; for ASCII
/// text both views must read the same digits.
@Suite struct PhoneDigitScanTests {
    @Test func byteScanEqualsCharacterScan() {
        let numbers = [
            "(555) 123-4567", "+44 (0)20 7946 0018", "1-800-FLOWERS", "555.123.4567", "00 49 30 1234567",
            "+1 555 123 4567\r\n", "n/a", "-", "12", "0011 61 2 9876 5432", "+", "5+5", "1-800-ABCDEFGHIJ", "",
        ]
        for number in numbers {
            let bytes = PhoneNormalizer.scanDigits(number.utf8)
            let characters = PhoneNormalizer.scanDigits(number.lazy.compactMap(\.asciiValue))
            #expect(bytes.0 == characters.0 && bytes.1 == characters.1 && bytes.2 == characters.2, "\(number)")
        }
    }

    @Test func combiningMarkUnmakesADigit() {
        #expect(PhoneNormalizer().normalize("5\u{301}55 123 4567") == PhoneNormalizer().normalize("55 123 4567"))
        #expect(PhoneNormalizer().normalize("５５５ 1234") == PhoneNormalizer().normalize("1234"))
    }
}
