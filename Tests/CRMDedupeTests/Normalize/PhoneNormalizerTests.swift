import Testing
@testable import CRMDedupe

@Suite struct PhoneNormalizerTests {
    @Test(arguments: [
        ("(415) 555-0132", "US", "+14155550132"),
        ("415.555.0132", "US", "+14155550132"),
        ("1-415-555-0132", "US", "+14155550132"),
        ("+1 415 555 0132", "US", "+14155550132"),
        ("011 44 20 7946 0018", "US", "+442079460018"),
        ("020 7946 0018", "GB", "+442079460018"),
        ("+44 (0)20 7946 0018", "GB", "+442079460018"),
        ("0044 20 7946 0018", "DE", "+442079460018"),
        ("030 1234567", "DE", "+49301234567"),
        ("02 9374 4000", "AU", "+61293744000"),
        ("0011 1 415 555 0132", "AU", "+14155550132"),
        ("06 1234 5678", "IT", "+390612345678"),
        ("912 345 678", "ES", "+34912345678"),
        ("01 23 45 67 89", "FR", "+33123456789"),
        ("44 20 7946 0018", "GB", "+442079460018"),
    ])
    func normalisesToE164(raw: String, region: String, expected: String) {
        #expect(PhoneNormalizer(defaultRegion: region).normalize(raw)?.e164 == expected)
    }

    @Test(arguments: [
        ("+1 415 555 0132 ext. 204", "204"), ("415-555-0132 x204", "204"), ("415 555 0132 #204", "204"),
        ("(415) 555-0132 extension 7", "7"), ("415 555 0132,204", "204"),
    ])
    func stripsAndKeepsExtensions(raw: String, ext: String) {
        let phone = PhoneNormalizer(defaultRegion: "US").normalize(raw)
        #expect(phone?.e164 == "+14155550132")
        #expect(phone?.phoneExtension == ext)
    }

    @Test func convertsVanityLetters() {
        #expect(PhoneNormalizer().normalize("1-800-FLOWERS")?.e164 == "+18003569377")
        #expect(PhoneNormalizer().normalize("+1 (800) GOT-JUNK")?.e164 == "+18004685865")
    }

    @Test func recordRegionOverridesDefault() {
        #expect(PhoneNormalizer(defaultRegion: "US").normalize("020 7946 0018", region: "GB")?.e164 == "+442079460018")
    }

    @Test func rejectsNonNumbers() {
        let normalizer = PhoneNormalizer()
        #expect(normalizer.normalize("") == nil)
        #expect(normalizer.normalize("n/a") == nil)
        #expect(normalizer.normalize("12") == nil)
        #expect(normalizer.normalize("call me") == nil)
    }

    @Test func unknownInternationalCodeIsKeptAsWritten() {
        let phone = PhoneNormalizer().normalize("+999 1234 5678")
        #expect(phone?.e164 == "+99912345678")
        #expect(phone?.isInternational == false)
    }
}
