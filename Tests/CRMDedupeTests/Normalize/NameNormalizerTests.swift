import Testing
@testable import CRMDedupe

@Suite struct PersonNameNormalizerTests {
    let normalizer = PersonNameNormalizer()

    @Test func foldsCaseAndAccents() {
        let name = normalizer.normalize(given: "JOSÉ", family: "Schröder-Łukasz")
        #expect(name.given == "jose")
        #expect(name.family == "schroderlukasz")
        #expect(TextFolding.fold("Straße Ærø Œuvre") == "strasse aero oeuvre")
    }

    @Test func stripsTitlesAndSuffixes() {
        let name = normalizer.normalize(fullName: "Dr. Martin Luther King Jr.")
        #expect(name.given == "martin")
        #expect(name.middle == ["luther"])
        #expect(name.family == "king")
        #expect(name.titles == ["dr"])
        #expect(name.suffixes == ["jr"])
        let third = normalizer.normalize(given: "Mrs Mary", family: "Smith III")
        #expect(third.given == "mary")
        #expect(third.family == "smith")
        #expect(third.suffixes == ["iii"])
    }

    @Test func readsFamilyCommaGiven() {
        let name = normalizer.normalize(fullName: "O'Neil, Mary-Ann")
        #expect(name.given == "maryann")
        #expect(name.family == "oneil")
        let inGivenField = normalizer.normalize(given: "Lee, Ann", family: nil)
        #expect(inGivenField.given == "ann")
        #expect(inGivenField.family == "lee")
    }

    @Test func keepsInitialsAndParticles() {
        let name = normalizer.normalize(fullName: "J. R. R. Tolkien")
        #expect(name.given == "j")
        #expect(name.givenIsInitial)
        #expect(name.middle == ["r", "r"])
        #expect(normalizer.normalize(fullName: "Ludwig van Beethoven").family == "vanbeethoven")
    }

    @Test(arguments: [
        ("bill", "william"), ("bob", "robert"), ("peggy", "margaret"), ("liz", "elizabeth"),
        ("william", "william"), ("zorro", "zorro"),
    ])
    func canonicalNicknames(nickname: String, formal: String) {
        #expect(NicknameTable.canonical(nickname) == formal)
    }

    @Test func nicknameEquivalenceCoversAmbiguousNames() {
        #expect(NicknameTable.areEquivalent("al", "alan"))
        #expect(NicknameTable.areEquivalent("al", "albert"))
        #expect(NicknameTable.areEquivalent("bill", "will"))
        #expect(!NicknameTable.areEquivalent("bill", "robert"))
        #expect(NicknameTable.count >= 300)
    }
}

@Suite struct CompanyAndDomainTests {
    let companies = CompanyNameNormalizer()

    @Test(arguments: [
        ("The Acme Company, Inc.", "acme"), ("ACME Co", "acme"), ("Acme Corp.", "acme"), ("Acme, LLC", "acme"),
        ("Smith & Sons Ltd", "smith and sons"), ("Smith and Sons Limited", "smith and sons"),
        ("Müller GmbH & Co. KG", "muller"), ("Nestlé S.A.", "nestle"), ("Siemens AG", "siemens"),
        ("Philips B.V.", "philips"), ("Atlassian Pty Ltd", "atlassian"), ("The The", "the"),
        ("McDonald's Corporation", "mcdonalds"),
    ])
    func normalisesCompanyNames(raw: String, expected: String) {
        #expect(companies.normalize(raw) == expected)
    }

    /// ASCII names take a byte path; a trailing non-breaking space (a separator either way) sends
    /// the same name down the character path, and both must give the same result.
    @Test(arguments: [
        "The Acme Company, Inc.", "Smith & Sons Ltd", "A+B Partners", "O'Neil's Bar.", "3M", "the",
        "AT&T", "R&D (Europe) Ltd", "  spaced   out  ", "tab\tname", "x-y_z/w", "The The",
    ])
    func companyByteAndCharacterPathsAgree(raw: String) {
        #expect(companies.normalize(raw) == companies.normalize(raw + "\u{00A0}"), "\(raw)")
    }

    @Test(arguments: [
        ("https://www.Acme.com/about?x=1", "acme.com"), ("acme.com", "acme.com"), ("HTTP://acme.com:8080", "acme.com"),
        ("www2.acme.co.uk/", "acme.co.uk"), ("ftp://user:pw@files.acme.com/x", "files.acme.com"),
    ])
    func normalisesDomains(raw: String, expected: String) {
        #expect(DomainNormalizer.normalize(raw) == expected)
    }

    @Test func rejectsNonDomains() {
        #expect(DomainNormalizer.normalize("") == nil)
        #expect(DomainNormalizer.normalize("localhost") == nil)
        #expect(DomainNormalizer.normalize("not a site") == nil)
    }
}

@Suite struct PhoneticAndDateTests {
    @Test func nysiisGroupsSpellingVariants() {
        #expect(NYSIIS.encode("Knuth") == "NAT")
        #expect(NYSIIS.encode("Macintosh") == NYSIIS.encode("McIntosh"))
        #expect(NYSIIS.encode("Schmidt") == NYSIIS.encode("Schmid"))
        #expect(NYSIIS.encode("Phillips") == NYSIIS.encode("Filips"))
        #expect(NYSIIS.encode("Catherine") == NYSIIS.encode("Katherine"))
        #expect(NYSIIS.encode("Smith") != NYSIIS.encode("Jones"))
        #expect(NYSIIS.encode("") == "")
        #expect(NYSIIS.encode("Müller") == NYSIIS.encode("Muller"))
    }

    @Test(arguments: [
        ("19850412", 1985, 4, 12), ("1985-04-12", 1985, 4, 12), ("1985-04-12T00:00:00Z", 1985, 4, 12),
        ("12/04/1985", 1985, 4, 12), ("12.04.1985", 1985, 4, 12), ("25/12/85", 1985, 12, 25),
    ])
    func parsesBirthDates(raw: String, year: Int, month: Int, day: Int) {
        #expect(BirthDateParser().parse(raw) == SimpleDate(year: year, month: month, day: day))
    }

    @Test func monthFirstIsAnOptionAndUnambiguousDatesSwap() {
        #expect(BirthDateParser(dayFirst: false).parse("04/12/1985") == SimpleDate(year: 1985, month: 4, day: 12))
        #expect(BirthDateParser(dayFirst: false).parse("25/12/1985") == SimpleDate(year: 1985, month: 12, day: 25))
        #expect(BirthDateParser().parse("not a date") == nil)
        #expect(BirthDateParser().parse("0000-00-00") == nil)
    }
}
