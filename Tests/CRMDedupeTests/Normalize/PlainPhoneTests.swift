import Testing
@testable import CRMDedupe

/// `e164` writes the common case straight from the bytes; it must give exactly what `normalize`
/// gives, for every region's rules (trunk prefixes, country codes written without `+`,
/// international prefixes) and for text that is not the plain case.
@Suite struct PlainPhoneTests {
    static let numbers = [
        "(555) 123-4567", "555.123.4567", "1 555 123 4567", "15551234567", "5551234", "555-1234", "1234", "123", "",
        "+1 555 123 4567", "+44 (0)20 7946 0018", "00 49 30 1234567", "011 44 20 7946 0018", "0011 61 2 9876 5432",
        "020 7946 0018", "44 20 7946 0018", "0 20 7946 0018", "06 12 34 56 78", "33 6 12 34 56 78", "030 1234567",
        "49 30 1234567", "02 9876 5432", "61 2 9876 5432", "0412 345 678", "1-800-FLOWERS", "555 1234 ext. 56",
        "555 1234 x56", "555 1234 #56", "555 1234,56", "5+5 1234", "n/a", "-", "٥٥٥ 1234", "555\u{301} 1234",
        "(0) 555 1234", "0000 1234", "00", "0", "01 23 45 67 89", "81 3 1234 5678", "03-1234-5678", "010 1234 5678",
        "+39 06 1234 5678", "+", "+0 1234", "+999 1234", "+1", "+12", "+1234", "+44 0", "+44 0 1",
        "+33 (0)6 12 34 56 78",
        "+7 495 123 4567", "+852 1234 5678", "+1 (555) 123-4567 ", " +1-555-123-4567", "1+555 123 4567",
    ]

    @Test(arguments: ["US", "GB", "DE", "FR", "AU", "JP", "KR", "IT", "NL", "LU", "XX"])
    func plainEqualsNormalize(region: String) {
        let normalizer = PhoneNormalizer(defaultRegion: region)
        for number in Self.numbers {
            let full = normalizer.normalize(number)
            let fast = normalizer.e164(number)
            #expect(fast?.e164 == full?.e164 && fast?.phoneExtension == full?.phoneExtension, "\(region): '\(number)'")
        }
    }

    @Test func plainCaseIsTakenForPlainNumbers() throws {
        let home = try #require(CallingCodes.regions["US"])
        #expect(PhoneNormalizer.plainNational("(555) 123-4567", home: home) == .number("+15551234567"))
        #expect(PhoneNormalizer.plainNational("12", home: home) == .notANumber)
        #expect(PhoneNormalizer.plainNational("+1 555 123 4567", home: home) == .number("+15551234567"))
        #expect(PhoneNormalizer.plainNational("+44 (0)20 7946 0018", home: home) == .number("+442079460018"))
        #expect(PhoneNormalizer.plainNational("+39 06 1234 5678", home: home) == .number("+390612345678"))
        #expect(PhoneNormalizer.plainNational("011 44 20 7946 0018", home: home) == .other)
        #expect(PhoneNormalizer.plainNational("555 1234 x56", home: home) == .other)
    }

    @Test func aRegionPerCallOverridesTheDefault() {
        #expect(PhoneNormalizer(defaultRegion: "US").e164("020 7946 0018", region: "GB")?.e164 == "+442079460018")
    }
}
