import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// `mapping init` on every real export of the corpus: the proposed mapping parses, recognises
/// the export where it is a known one, maps the fields a person would map, and imports the
/// file into a sandbox over HTTP with no rejected row and no value dropped by the mapping.
@Suite(.enabled(if: SyncCorpus.available, "../shared/corpora not found (set CRMKIT_CORPORA)"))
struct MappingInitCorpusTests {
    /// Export → the entity, and fields the proposed mapping must fill.
    static let expectations: [(file: String, entity: EntityKind, fields: Set<String>)] = [
        (
            "crm-csv/headers/outlook-en.csv", .contact,
            ["name", "email", "phone", "organizationId", "jobTitle", "note", "tags"]
        ),
        (
            "crm-csv/headers/outlook-de-2013.csv", .contact,
            ["name", "email", "phone", "organizationId", "jobTitle", "note"]
        ),
        ("crm-csv/headers/outlook-de-2007-replacement-chars.csv", .contact, ["name", "email", "organizationId"]),
        ("crm-csv/headers/outlook-ja-2010.transcribed.csv", .contact, ["name", "email"]),
        ("crm-csv/headers/outlook-express-wab-en.csv", .contact, ["name", "email"]),
        ("crm-csv/headers/outlook-express-wab-en-selected-fields.csv", .contact, ["name", "email"]),
        ("crm-csv/headers/google-contacts-legacy-googlecsv.csv", .contact, ["name", "email", "phone", "tags"]),
        ("crm-csv/headers/google-gmail-2005.csv", .contact, ["name", "email", "note"]),
        ("crm-csv/headers/yahoo-mail-uk-2005.csv", .contact, ["name", "email"]),
        ("crm-csv/headers/kde-kaddressbook.csv", .contact, ["name"]),
        ("crm-csv/headers/apple-addressbook-de-tab.csv", .contact, ["name"]),
        ("crm-csv/headers/lxoffice-customers.csv", .organization, ["name", "address"]),
        ("crm-csv/headers/mailchimp-audience-export.excerpt.csv", .contact, ["name", "email"]),
        ("crm-csv/headers/linkedin-connections-2025.header.csv", .contact, ["name"]),
        ("crm-csv/headers/palm-desktop-noheader.csv", .contact, ["name"]),
        ("crm-csv/headers/salesforce-lead.csv", .lead, ["title", "organizationId"]),
        ("crm-csv/headers/salesforce-opportunity.csv", .opportunity, ["title", "value"]),
        ("crm-csv/salesforce-export/Account.csv", .organization, ["name", "address", "phone", "website"]),
        ("crm-csv/salesforce-export/Contact.csv", .contact, ["name", "email", "phone", "jobTitle"]),
        ("crm-csv/roundcube-csv2vcard/all.csv", .contact, ["name", "email"]),
        ("crm-csv/roundcube-csv2vcard/email.csv", .contact, ["name", "email"]),
        ("crm-csv/roundcube-csv2vcard/gmail.csv", .contact, ["name", "email", "tags"]),
        ("crm-csv/roundcube-csv2vcard/outlook.csv", .contact, ["name", "email"]),
        ("crm-csv/roundcube-csv2vcard/tb_plain.csv", .contact, ["name", "email"]),
        ("xml/highrise/person.xml", .contact, ["name"]),
        ("vcard/roundcube/johndoe.vcf", .contact, ["name", "email", "phone", "note", "organizationId"]),
        ("vcard/thunderbird/basic_vcard_addressbook.vcf", .contact, ["name", "email"]),
        (
            "vcard/vobject/vcard40_full.vcf", .contact,
            ["name", "email", "phone", "jobTitle", "note", "organizationId", "tags"]
        ),
        ("vcard/vobject/simple_3_0_test.vcf", .contact, ["name", "phone", "organizationId"]),
    ]

    /// Exports of only a header row: the mapping is proposed from the header (nothing to import).
    static let headersOnly: [(file: String, entity: EntityKind, fields: Set<String>)] = [
        ("crm-csv/headers/google-contacts-current.header.csv", .contact, ["name", "email", "phone", "tags"]),
        ("crm-csv/headers/hubspot-companies.header.csv", .organization, ["name", "address", "website"]),
        (
            "crm-csv/headers/linkedin-connections-2018.header.csv", .contact,
            ["name", "email", "organizationId", "jobTitle"]
        ),
    ]

    /// Exports whose records point at their organizations by id: the organizations' own export
    /// is imported first (with its proposed mapping), as the user would.
    static let importedFirst = ["crm-csv/salesforce-export/Contact.csv": "crm-csv/salesforce-export/Account.csv"]
    /// Exports pointing at organizations by id that the corpus does not hold (another Salesforce
    /// org's accounts): those links cannot resolve, and are the only values allowed to be dropped.
    static let organizationsNotInCorpus: Set<String> = ["crm-csv/headers/salesforce-opportunity.csv"]

    @Test(arguments: expectations.map(\.file))
    func theProposedMappingImportsTheExportWithNothingRejectedOrDropped(_ file: String) async throws {
        let expected = try #require(Self.expectations.first { $0.file == file })
        try await ImportHarness.run { harness in
            if let first = Self.importedFirst[file] {
                let mappingPath = harness.directory.appendingPathComponent("first.yaml").path
                try MappingProposal.make(path: SyncCorpus.path(first)).yaml()
                    .write(toFile: mappingPath, atomically: true, encoding: .utf8)
                let plan = try await ImportPreparation(
                    file: SyncCorpus.path(first), mapping: MappingParser.load(path: mappingPath),
                    mappingPath: mappingPath
                ).plan(client: harness.client, ledger: harness.ledger)
                let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
                try run.savePlan(plan)
                let summary = try await ImportApplier(
                    plan: plan, run: run, client: harness.client, ledger: harness.ledger
                ).apply()
                #expect(summary.failed == 0 && summary.done > 0, "\(first): \(summary)")
            }
            let proposal = try MappingProposal.make(path: SyncCorpus.path(file))
            #expect(proposal.entity == expected.entity)
            let mappingPath = harness.directory.appendingPathComponent("proposed.yaml").path
            try proposal.yaml().write(toFile: mappingPath, atomically: true, encoding: .utf8)
            let mapping = try MappingParser.load(path: mappingPath)
            let filled = Set(mapping.fields.map(\.target))
            #expect(expected.fields.isSubset(of: filled), "\(file): \(filled.sorted())\n\(proposal.yaml())")
            var account = LossAccount()
            let plan = try await ImportPreparation(
                file: SyncCorpus.path(file), mapping: mapping, mappingPath: mappingPath
            )
            .plan(client: harness.client, ledger: harness.ledger, account: &account)
            #expect(plan.rejected.isEmpty, "\(file): \(plan.rejected.prefix(3).map(\.reasons))\n\(proposal.yaml())")
            let dropped = (plan.altered ?? []).flatMap(\.reasons).filter {
                $0.hasPrefix("dropped")
                    && !(Self.organizationsNotInCorpus.contains(file) && $0.contains("organizationId: '")
                        && $0.contains("unknown_reference"))
            }
            #expect(dropped.isEmpty, "\(file): \(dropped.prefix(3))")
            let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(plan)
            let summary = try await ImportApplier(plan: plan, run: run, client: harness.client, ledger: harness.ledger)
                .apply()
            #expect(summary.failed == 0, "\(file): \(summary)")
            #expect(try await harness.records(expected.entity).count == plan.count(.create, expected.entity))
            if Self.importedFirst[file] != nil {
                let unlinked = try await harness.records(expected.entity).filter {
                    $0["organizationId"]?.stringValue == nil
                }
                #expect(unlinked.isEmpty, "\(file): \(unlinked.count) records without their organization")
            }
        }
    }

    /// Every vCard and XML export of the corpus, not only the ones listed above: the proposed
    /// mapping plans each file with no rejected record and no value dropped by the mapping (the
    /// readers' own warnings about damaged files are theirs, not the mapping's). CMT schema files
    /// hold no records and are left out.
    @Test func everyVCardAndXMLExportPlansWithNothingRejectedOrDroppedByTheMapping() async throws {
        let root = try #require(SyncCorpus.root)
        var files: [String] = []
        for folder in ["vcard", "xml"] {
            let base = root.appendingPathComponent(folder)
            let walker = FileManager.default.enumerator(atPath: base.path)
            while let relative = walker?.nextObject() as? String {
                guard relative.hasSuffix(".vcf") || relative.hasSuffix(".xml"), !relative.hasSuffix("schema.xml")
                else { continue }
                files.append(base.appendingPathComponent(relative).path)
            }
        }
        #expect(files.count >= 90, "the corpus has about a hundred vCard and XML exports, found \(files.count)")
        try await ImportHarness.run { harness in
            for (number, file) in files.sorted().enumerated() {
                let proposal = try MappingProposal.make(path: file)
                let mappingPath = harness.directory.appendingPathComponent("proposed-\(number).yaml").path
                try proposal.yaml().write(toFile: mappingPath, atomically: true, encoding: .utf8)
                let mapping = try MappingParser.load(path: mappingPath)
                var account = LossAccount()
                let plan = try await ImportPreparation(file: file, mapping: mapping, mappingPath: mappingPath)
                    .plan(client: harness.client, ledger: harness.ledger, account: &account)
                #expect(plan.rejected.isEmpty, "\(file): \(plan.rejected.prefix(3).map(\.reasons))")
                #expect(account.valuesDropped == 0, "\(file): \(account.listed.prefix(3))")
            }
        }
    }

    @Test(arguments: headersOnly.map(\.file))
    func aHeaderAloneGivesAMappingThatParses(_ file: String) throws {
        let expected = try #require(Self.headersOnly.first { $0.file == file })
        let proposal = try MappingProposal.make(path: SyncCorpus.path(file))
        #expect(proposal.entity == expected.entity)
        let mapping = try MappingParser.parse(yaml: proposal.yaml(), file: "proposed.yaml")
        let filled = Set(mapping.fields.map(\.target))
        #expect(expected.fields.isSubset(of: filled), "\(file): \(filled.sorted())\n\(proposal.yaml())")
    }

    @Test func knownExportsAreRecognisedAndSalesforceIsKeyedByItsId() throws {
        let contact = try MappingProposal.make(path: SyncCorpus.path("crm-csv/salesforce-export/Contact.csv"))
        #expect(contact.product?.hasPrefix("Salesforce Contact") == true)
        #expect(contact.matchKeys.first == ["extras.salesforceId"])
        #expect(contact.yaml().contains("organizationId: { from: \"AccountId\", byExternalId: salesforceId }"))
        let german = try MappingProposal.make(path: SyncCorpus.path("crm-csv/headers/outlook-de-2013.csv"))
        #expect(german.product == "Outlook (German)")
        let hubspot = try MappingProposal.make(path: SyncCorpus.path("crm-csv/headers/hubspot-companies.header.csv"))
        #expect(hubspot.product == "HubSpot companies export")
        #expect(hubspot.matchKeys.first == ["extras.hubspotId"])
        let palm = try MappingProposal.make(path: SyncCorpus.path("crm-csv/headers/palm-desktop-noheader.csv"))
        #expect(!palm.header)
    }
}
