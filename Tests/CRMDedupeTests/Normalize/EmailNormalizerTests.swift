import Testing
@testable import CRMDedupe

@Suite struct EmailNormalizerTests {
    let normalizer = EmailNormalizer()

    @Test(arguments: [
        ("Ann.Lee@Example.COM", "ann.lee@example.com"),
        ("  mailto:ann@example.com ", "ann@example.com"),
        ("MAILTO:ann@example.com?subject=hi", "ann@example.com"),
        ("Ann Lee <ann@example.com>", "ann@example.com"),
        ("ann@example.com.", "ann@example.com"),
        ("ann@googlemail.com", "ann@gmail.com"),
        ("ann+crm@example.com", "ann+crm@example.com"),
    ])
    func normalises(raw: String, expected: String) {
        #expect(normalizer.normalize(raw)?.address == expected)
    }

    /// ASCII addresses take a byte path; a non-breaking space (whitespace, removed like any other)
    /// sends the same address down the character path, so both must agree on every field.
    @Test(arguments: [
        "Ann.Lee@Example.COM", "  mailto:ann@example.com ", "MAILTO:ann@example.com?subject=hi",
        "Ann Lee <ann@example.com>",
        "ann@example.com.", "ann@googlemail.com", "ann+crm@example.com", "(ann@example.com);", "\"info+eu@acme.com\"",
        "a n n@exa mple.com", "ann@", "@example.com", "no at sign", "ann@.com", "x@y", "<>", "a<b>c@d.com", "a@b@c.org",
        "+tag@gmail.com", "a.b@googlemail.com...", "\tann@example.com\r\n",
    ])
    func byteAndCharacterPathsAgree(raw: String) {
        for normalizer in [normalizer, EmailNormalizer(options: .init(stripPlusTag: true, stripGmailDots: true))] {
            #expect(normalizer.normalize(raw) == normalizer.normalize(raw + "\u{00A0}"), "\(raw)")
        }
    }

    @Test func plusAddressingIsAnOption() {
        let stripping = EmailNormalizer(options: .init(stripPlusTag: true))
        #expect(stripping.normalize("ann+crm@example.com")?.address == "ann@example.com")
        #expect(stripping.normalize("+weird@example.com")?.address == "+weird@example.com")
        let dots = EmailNormalizer(options: .init(stripGmailDots: true))
        #expect(dots.normalize("a.n.n@gmail.com")?.address == "ann@gmail.com")
        #expect(dots.normalize("a.n.n@example.com")?.address == "a.n.n@example.com")
    }

    @Test(arguments: [
        "info@acme.com", "Support@acme.com", "sales@acme.com", "admin@acme.com", "office@acme.com",
        "contact@acme.com", "hello@acme.com", "noreply@acme.com", "no-reply@acme.com", "info+eu@acme.com",
    ])
    func flagsRoleAddresses(raw: String) {
        #expect(normalizer.normalize(raw)?.isRoleAddress == true)
    }

    @Test func personalAddressIsNotARole() {
        #expect(normalizer.normalize("information.officer@acme.com")?.isRoleAddress == false)
        #expect(
            EmailNormalizer(options: .init(extraRoleLocalParts: ["Frontdesk"])).normalize("frontdesk@acme.com")?
                .isRoleAddress == true)
    }

    @Test func rejectsNonAddresses() {
        #expect(normalizer.normalize("") == nil)
        #expect(normalizer.normalize("n/a") == nil)
        #expect(normalizer.normalize("@example.com") == nil)
        #expect(normalizer.normalize("ann@") == nil)
    }

    @Test func keepsCorruptedAddressesButMarksThem() {
        let corrupted = normalizer.normalize("hannah88opowersc@m")
        #expect(corrupted?.address == "hannah88opowersc@m")
        #expect(corrupted?.isWellFormed == false)
        #expect(normalizer.normalize("hannah88@powers.com")?.isWellFormed == true)
    }
}
