import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// `../shared/corpora` beside the package, or $CRMKIT_CORPORA.
enum SyncCorpus {
    static let root: URL? = {
        if let env = ProcessInfo.processInfo.environment["CRMKIT_CORPORA"] { return URL(fileURLWithPath: env) }
        let candidates = [
            ImportHarness.root.deletingLastPathComponent().appendingPathComponent("shared/corpora"),
            ImportHarness.root.appendingPathComponent("../../shared/corpora").standardized,
        ]
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("EXPECTED.md").path)
        }
    }()

    static var available: Bool { root != nil }

    static func path(_ relative: String) -> String {
        (root ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent(relative).path
    }
}

/// Shipped mappings on real exports that differ from the samples: other versions and languages
/// of a product (optional rules, column variants), and Salesforce's Id-keyed migrations, each
/// over HTTP into a sandbox of its own.
@Suite(.enabled(if: SyncCorpus.available, "../shared/corpora not found (set CRMKIT_CORPORA)"))
struct MappingVariantImportTests {
    @Test func roundcubesOutlookVariantImportsWithTheShippedOutlookMapping() async throws {
        try await ImportHarness.run { harness in
            let (plan, summary, _) = try await harness.importFile(
                SyncCorpus.path("crm-csv/roundcube-csv2vcard/outlook.csv"),
                mapping: "mappings/outlook-contacts.yaml")
            #expect(plan.rejected.isEmpty, "\(plan.rejected.map(\.reasons))")
            #expect(summary.failed == 0)
            let contacts = try await harness.contacts()
            try #require(contacts.count == 1)
            // No name column at all: the first e-mail names the contact, as Outlook shows it.
            #expect(contacts[0]["name"]?.stringValue == "test1@domain.tld")
            let emails = contacts[0]["email"]?.arrayValue?.compactMap { $0.objectValue?["value"]?.stringValue }
            #expect(emails == ["test1@domain.tld", "test2@domain.tld", "test3@domain.tld"])
        }
    }

    @Test func germanOutlookImportsWithTheShippedOutlookMapping() async throws {
        try await ImportHarness.run { harness in
            let plan = try await harness.plan(
                SyncCorpus.path("crm-csv/headers/outlook-de-2013.csv"), mapping: "mappings/outlook-contacts.yaml")
            #expect(plan.rejected.isEmpty, "\(plan.rejected.map(\.reasons))")
            let names = plan.steps.filter { $0.entity == .contact }.compactMap { $0.body?["name"]?.stringValue }
            #expect(names.count == 2)
            #expect(names.allSatisfy { !$0.contains("@") && !$0.isEmpty }, "\(names)")
        }
    }

    @Test func salesforceAccountsWithTheSameNameButDifferentIdsStayApartAndAreNamedInTheWarnings() async throws {
        try await ImportHarness.run { harness in
            let (plan, summary, _) = try await harness.importFile(
                SyncCorpus.path("crm-csv/salesforce-export/Account.csv"),
                mapping: "mappings/salesforce-accounts.yaml")
            #expect(plan.count(.create, .organization) == 88)
            #expect(plan.conflicts.isEmpty)
            #expect(summary.failed == 0)
            let warning = try #require(plan.warnings?.first { $0.contains("different salesforceId") })
            #expect(warning.hasPrefix("4 rows"), "\(warning)")
            #expect(try await harness.records(.organization).count == 88)
        }
    }

    @Test func reimportingSalesforceContactsWithoutEmailPlansOnlySkips() async throws {
        try await ImportHarness.run { harness in
            let file = SyncCorpus.path("crm-csv/salesforce-export/Contact.csv")
            let (first, _, _) = try await harness.importFile(file, mapping: "mappings/salesforce-contacts.yaml")
            #expect(first.count(.create, .contact) == 23)
            #expect(first.warnings == nil, "\(first.warnings ?? [])")
            let again = try await harness.plan(file, mapping: "mappings/salesforce-contacts.yaml")
            #expect(again.steps.allSatisfy { $0.action == .skip }, "\(again.counts)")
        }
    }

    @Test func rowsWithoutAnyMatchKeyValueAreCountedInTheWarnings() async throws {
        try await ImportHarness.run { harness in
            let file = harness.directory.appendingPathComponent("keyless.csv").path
            try "Name,Email\nAda Lovelace,ada@example.com\nBo Keyless,\nCy Keyless,\n".write(
                toFile: file, atomically: true, encoding: .utf8)
            let mapping = harness.directory.appendingPathComponent("m.yaml").path
            try
                ("target: contact\nfields:\n  name: Name\n"
                + "  email: [{ from: Email, label: Work }]\nmatchKeys:\n  - [email]\n")
                .write(toFile: mapping, atomically: true, encoding: .utf8)
            let plan = try await ImportPreparation(
                file: file, mapping: try MappingParser.load(path: mapping), mappingPath: mapping
            )
            .plan(client: harness.client)
            let warning = try #require(plan.warnings?.first)
            #expect(warning.hasPrefix("2 rows have no match key ([email])"), "\(warning)")
            #expect(warning.contains("a re-import will create them again"))
            #expect(warning.contains("lines 3, 4"))
        }
    }
}
