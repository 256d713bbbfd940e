import Foundation
import Testing
@testable import CRMDedupe

/// Records that look alike but are different people must not be linked.
@Suite struct NegativeControlTests {
    @Test func sharedRoleAddressDoesNotLinkPeople() {
        let records = (0..<6).map { i in
            DedupeRecord(
                index: i, givenName: ["Ann", "Bob", "Cy", "Dee", "Eve", "Fay"][i],
                familyName: ["Lee", "Ray", "Ng", "Ode", "Poe", "Roe"][i],
                emails: ["info@acme.com"], company: "Acme Inc.")
        }
        let result = DedupeEngine().run(records)
        #expect(result.clusters.isEmpty)
    }

    @Test func sameSwitchboardPhoneDoesNotLinkPeople() {
        let records = [
            DedupeRecord(
                index: 0, givenName: "Ann", familyName: "Lee", phones: ["+1 415 555 0100 ext 12"], company: "Acme"),
            DedupeRecord(
                index: 1, givenName: "Robert", familyName: "Ray", phones: ["(415) 555-0100 x 40"], company: "Acme"),
            DedupeRecord(
                index: 2, givenName: "Carla", familyName: "Diaz", phones: ["415.555.0100"], company: "Acme Inc"),
        ]
        let result = DedupeEngine().run(records)
        #expect(result.clusters.isEmpty)
        #expect(result.reviews.isEmpty)  // one shared number, conflicting names: different people
        let verdict = IdentityModel(kind: .person).assess(records[0], records[1])
        #expect(verdict.band == .distinct)
        #expect(verdict.reasons.contains { $0.hasPrefix("+14155550100") && $0.contains("shared") })
    }

    @Test func sameNameAtDifferentCompaniesIsNotLinked() {
        let records = [
            DedupeRecord(
                index: 0, givenName: "John", familyName: "Smith", emails: ["john.smith@acme.com"],
                company: "Acme Inc."),
            DedupeRecord(
                index: 1, givenName: "John", familyName: "Smith", emails: ["jsmith@globex.com"],
                company: "Globex Corp"),
            DedupeRecord(index: 2, givenName: "John", familyName: "Smith", company: "Initech"),
        ]
        #expect(DedupeEngine().run(records).clusters.isEmpty)
    }

    @Test func sameNameAndSameDetailsIsLinked() {
        let records = [
            DedupeRecord(
                index: 0, givenName: "Bob", familyName: "Smith", phones: ["415 555 0132"], company: "Acme Inc."),
            DedupeRecord(
                index: 1, givenName: "Robert", familyName: "Smith", phones: ["+1 (415) 555-0132"], company: "ACME"),
        ]
        #expect(DedupeEngine().run(records).clusters == [[0, 1]])
    }

    @Test(.enabled(if: Corpora.available("crm-csv/salesforce-export/Contact.csv"), Corpora.missing))
    func salesforceContactsHaveNoDuplicates() throws {
        let url = try #require(Corpora.file("crm-csv/salesforce-export/Contact.csv"))
        let (header, rows) = try BenchmarkCSV.rows(url)
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
        let c = (
            first: column("FirstName"), last: column("LastName"), email: column("Email"), phone: column("Phone"),
            mobile: column("MobilePhone"), account: column("AccountId"), birth: column("Birthdate")
        )
        let records = rows.enumerated().map { i, row -> DedupeRecord in
            func value(_ k: Int) -> String? { k >= 0 && k < row.count && !row[k].isEmpty ? row[k] : nil }
            return DedupeRecord(
                index: i, givenName: value(c.first), familyName: value(c.last),
                emails: [value(c.email)].compactMap { $0 },
                phones: [value(c.phone), value(c.mobile)].compactMap { $0 },
                company: value(c.account), birthDate: value(c.birth))
        }
        #expect(records.count == 23)
        let result = DedupeEngine().run(records)
        #expect(result.clusters.isEmpty, "linked: \(result.clusters)")
        let schroder = records.first { $0.familyName == "Schroder" }?.index
        let schroeder = records.first { $0.familyName == "Schroeder" }?.index
        #expect(schroder != nil && schroeder != nil)
        #expect(!result.links.contains { Set([$0.first, $0.second]) == Set([schroder, schroeder].compactMap { $0 }) })
    }

    /// EDS `sorted-N.vcf` reuse the e-mails and phones of `custom-N.vcf` under other names:
    /// conflicting evidence, to be reviewed, never merged.
    @Test(.enabled(if: Corpora.available("vcard/evolution-data-server/contacts"), Corpora.missing))
    func edsConflictingEvidenceGoesToReview() throws {
        let directory = try #require(Corpora.file("vcard/evolution-data-server/contacts"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".vcf") }
            .sorted()
        let records = try files.enumerated().map { i, file in
            try TemporaryVCard.record(
                index: i, id: file, text: String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
        }
        let result = DedupeEngine().run(records)
        func index(_ file: String) -> Int? { records.first { $0.id == file }?.index }
        let janet = try #require(index("custom-2.vcf")), bad = try #require(index("sorted-2.vcf"))
        #expect(!result.clusters.contains { $0.contains(janet) && $0.contains(bad) })
        #expect(result.reviews.contains { Set([$0.first, $0.second]) == [janet, bad] })
        for cluster in result.clusters {
            let ids = cluster.compactMap { records[$0].id }
            #expect(
                !(ids.contains { $0.hasPrefix("custom-") } && ids.contains { $0.hasPrefix("sorted-") }), "linked \(ids)"
            )
        }
    }
}

/// TEMPORARY: reads FN/N/EMAIL/TEL from the simple EDS cards; to be replaced by CRMImport's
/// vCard reader once the `readers` branch is merged.
enum TemporaryVCard {
    static func record(index: Int, id: String, text: String) -> DedupeRecord {
        var record = DedupeRecord(index: index, id: id)
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].uppercased().split(separator: ";").first.map(String.init) ?? ""
            let value = String(line[line.index(after: colon)...])
            switch name {
            case "FN": record.name = value
            case "N":
                let parts = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                record.familyName = parts.first?.nonBlankForTest
                record.givenName = parts.count > 1 ? parts[1].nonBlankForTest : nil
            case "EMAIL": record.emails.append(value)
            case "TEL": record.phones.append(value)
            default: continue
            }
        }
        return record
    }
}

extension String {
    var nonBlankForTest: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}

@Suite struct OrganizationTests {
    @Test func organisationsMatchOnNormalisedNameAndDomain() {
        let records = [
            DedupeRecord(
                index: 0, kind: .organization, name: "The Acme Company, Inc.", phones: ["+1 415 555 0100"],
                city: "Springfield", website: "https://www.acme.com/about"),
            DedupeRecord(index: 1, kind: .organization, name: "ACME Co", city: "Springfield", website: "acme.com"),
            DedupeRecord(
                index: 2, kind: .organization, name: "Acme Plumbing Ltd", city: "Shelbyville",
                website: "acmeplumbing.net"),
        ]
        let result = DedupeEngine(configuration: .forOrganizations()).run(records)
        #expect(result.clusters == [[0, 1]])
    }

    @Test func reviewsCarryTheirReason() {
        // Same given name and private address, another surname: a marriage or a relative.
        let records = [
            DedupeRecord(index: 0, givenName: "Janet", familyName: "Jackson", emails: ["janet.j@gmail.com"]),
            DedupeRecord(index: 1, givenName: "Janet", familyName: "Okafor", emails: ["janet.j@gmail.com"]),
        ]
        let result = DedupeEngine().run(records)
        #expect(result.clusters.isEmpty)
        let review = try? #require(result.reviews.first)
        #expect(review?.decision == .review)
        #expect(review.map { result.explain($0).reasons } == ["family names differ (Jackson / Okafor)"])
    }

    @Test func mistypedNameOnOneRecordWithSharedMailboxIsDistinct() {
        let records = [
            DedupeRecord(index: 0, givenName: "Janet", familyName: "Jackson", emails: ["janet@jackson.com"]),
            DedupeRecord(index: 1, givenName: "First Name", familyName: "Bad", emails: ["janet@jackson.com"]),
        ]
        let verdict = IdentityModel(kind: .person).assess(records[0], records[1])
        #expect(verdict.band == .distinct)
        #expect(verdict.reasons.contains("janet@jackson.com is shared by records with different names"))
    }
}
