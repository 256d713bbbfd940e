import CRMClient
import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// A reference by external id (`organizationId: { from: AccountId, byExternalId: salesforceId }`)
/// links each row to the record an earlier import wrote from the row with that id, over the
/// sandbox's HTTP API; an id naming no imported record is reported on its row, never guessed.
@Suite struct ImportReferenceByExternalIDTests {
    static let accounts = "mappings/salesforce-accounts.yaml"
    static let contacts = "mappings/salesforce-contacts.yaml"

    /// Contact name → the name of the organization its `organizationId` names.
    static func employers(_ harness: ImportHarness) async throws -> [String: String] {
        let organizations = try await harness.records(.organization)
        var names: [String: String] = [:]
        for organization in organizations {
            if let id = organization["id"].map(MatchKeyNormalizer.text) {
                names[id] = organization["name"]?.stringValue
            }
        }
        var result: [String: String] = [:]
        for contact in try await harness.contacts() {
            guard let name = contact["name"]?.stringValue,
                let id = contact["organizationId"].map(MatchKeyNormalizer.text)
            else { continue }
            result[name] = names[id]
        }
        return result
    }

    @Test func sampleContactsAreLinkedToTheAccountsImportedBefore() async throws {
        try await ImportHarness.run { harness in
            try await harness.importFile(ImportHarness.path("samples/salesforce-accounts.csv"), mapping: Self.accounts)
            let (plan, summary, run) = try await harness.importFile(
                ImportHarness.path("samples/salesforce-contacts.csv"), mapping: Self.contacts)
            #expect(summary.failed == 0)
            #expect(plan.rejected.isEmpty)
            let employers = try await Self.employers(harness)
            #expect(employers.count == 11, "\(employers)")
            #expect(employers["Linh Nguyen"] == "Northwind Traders")
            #expect(employers["Hannah Diaz"] == "Woodgrove Bank")
            #expect(employers["Claire Moreau"] == nil, "line 13 names an account the sample does not hold")

            // Line 13's AccountId names no imported account: the contact goes on without it
            // (the field is optional), and the plan and errors.csv say which id and what to do.
            let altered = try #require(plan.altered?.first { $0.source.line == 13 })
            let reason = try #require(altered.reasons.first)
            #expect(
                reason.contains("salesforce-contacts.csv:13: error: organizationId: '0018c00002HgO11AAN'"), "\(reason)")
            #expect(reason.contains("no organization imported into this CRM has this salesforceId"), "\(reason)")
            #expect(reason.contains("Account.csv with mappings/salesforce-accounts.yaml"), "\(reason)")
            let errors = try String(contentsOf: run.errorsURL, encoding: .utf8)
            #expect(errors.contains("0018c00002HgO11AAN") && errors.contains("salesforceId"), "\(errors)")
        }
    }

    @Test func anUnknownIdRejectsTheRowWhenTheRuleSaysSo() async throws {
        try await ImportHarness.run { harness in
            try await harness.importFile(ImportHarness.path("samples/salesforce-accounts.csv"), mapping: Self.accounts)
            let mapping = try harness.rewritten(
                Self.contacts,
                replacing: "byExternalId: salesforceId }", with: "byExternalId: salesforceId, onInvalid: reject }")
            var account = LossAccount()
            let plan = try await harness.plan(
                ImportHarness.path("samples/salesforce-contacts.csv"), mappingAt: mapping, account: &account)
            #expect(plan.rejected.map(\.source.line) == [13])
            let reason = try #require(plan.rejected.first?.reasons.first)
            #expect(reason.contains(":13: error: organizationId: '0018c00002HgO11AAN': unknown_reference"), "\(reason)")
            #expect(account.rejected == 1 && account.valuesDropped == 0)
            #expect(plan.count(.create, .contact) == 11)
        }
    }

    @Test func withoutTheAccountsImportEveryLinkIsReportedAndNothingIsGuessed() async throws {
        try await ImportHarness.run { harness in
            var account = LossAccount()
            let plan = try await harness.plan(
                ImportHarness.path("samples/salesforce-contacts.csv"), mappingAt: ImportHarness.path(Self.contacts),
                account: &account)
            #expect(account.valuesDropped == 12)
            #expect(account.blocksImport(accepted: false), "dropped links stop the import unless accepted")
            let first = try #require(account.listed.first)
            #expect(first.contains("no organization of this CRM is known by its salesforceId yet"), "\(first)")
            #expect(plan.steps.allSatisfy { $0.body?["organizationId"] == nil })
        }
    }

    @Test func aLinkDroppedOnceIsMadeByTheImportAfterTheAccounts() async throws {
        try await ImportHarness.run { harness in
            let contacts = ImportHarness.path("samples/salesforce-contacts.csv")
            try await harness.importFile(contacts, mapping: Self.contacts)
            try await harness.importFile(ImportHarness.path("samples/salesforce-accounts.csv"), mapping: Self.accounts)
            let plan = try await harness.plan(contacts, mapping: Self.contacts)
            #expect(plan.count(.update, .contact) == 11, "\(plan.counts)")
            #expect(plan.count(.create, .contact) == 0)
            try await harness.importFile(contacts, mapping: Self.contacts)
            #expect(try await Self.employers(harness).count == 11)
        }
    }

    @Test func anIdKeptInACustomFieldLinksWithoutTheLedger() async throws {
        try await ImportHarness.run { harness in
            let form = try await harness.client.forms.get(.organizations)
            let field = FormField(id: FieldID("salesforce_id"), label: "Salesforce Id", type: .text)
            _ = try await harness.client.forms.put(.organizations, fields: form + [field])
            let accounts = try harness.rewritten(
                Self.accounts, replacing: "extras:\n", with: "customFields:\n  \"Salesforce Id\": Id\nextras:\n")
            try await harness.importFile(ImportHarness.path("samples/salesforce-accounts.csv"), mappingAt: accounts)
            try FileManager.default.removeItem(at: harness.ledger.url)

            let contacts = try harness.rewritten(
                Self.contacts, replacing: "byExternalId: salesforceId", with: "byExternalId: customFields.Salesforce Id"
            )
            let (plan, summary) = try await harness.importFile(
                ImportHarness.path("samples/salesforce-contacts.csv"), mappingAt: contacts)
            #expect(summary.failed == 0)
            #expect(plan.altered?.map(\.source.line) == [13])
            let employers = try await Self.employers(harness)
            #expect(employers.count == 11)
            #expect(employers["Mark Diaz"] == "Adatum Corporation")
        }
    }

    @Test func aCustomFieldTheFormLacksIsTheMappingsErrorAtItsLine() async throws {
        try await ImportHarness.run { harness in
            let contacts = try harness.rewritten(
                Self.contacts, replacing: "byExternalId: salesforceId", with: "byExternalId: customFields.Legacy Id")
            let error = await #expect(throws: MappingError.self) {
                _ = try await harness.plan(ImportHarness.path("samples/salesforce-contacts.csv"), mappingAt: contacts)
            }
            let diagnostic = try #require(error?.diagnostics.first)
            #expect(
                diagnostic.message.contains("no custom field of the organization form has the id or label 'Legacy Id'"))
            let line = try #require(
                try String(contentsOfFile: contacts, encoding: .utf8).components(separatedBy: "\n")
                    .firstIndex { $0.hasPrefix("  organizationId:") })
            #expect(diagnostic.location.line == line + 1)
        }
    }
}

/// The Salesforce Account and Contact exports of the corpus, imported in that order.
@Suite(.enabled(if: SyncCorpus.available, "../shared/corpora not found (set CRMKIT_CORPORA)"))
struct SalesforceMigrationCorpusTests {
    static let accountFile = "crm-csv/salesforce-export/Account.csv"
    static let contactFile = "crm-csv/salesforce-export/Contact.csv"

    /// Salesforce Id → Name of each account, and each contact's name → its AccountId, as exported.
    static func exported() throws -> (accounts: [String: String], contacts: [String: String]) {
        var accounts: [String: String] = [:]
        for record in try SourceReaders.readAll(path: SyncCorpus.path(accountFile)).records {
            accounts[record.first("Id") ?? ""] = record.first("Name")
        }
        var contacts: [String: String] = [:]
        for record in try SourceReaders.readAll(path: SyncCorpus.path(contactFile)).records {
            let name = [record.first("FirstName"), record.first("LastName")].compactMap { $0 }
                .joined(separator: " ")
            contacts[name] = record.first("AccountId")
        }
        return (accounts, contacts)
    }

    @Test func everyContactIsLinkedToItsAccountAndAReimportOnlySkips() async throws {
        try await ImportHarness.run { harness in
            let (accountPlan, _, _) = try await harness.importFile(
                SyncCorpus.path(Self.accountFile), mapping: ImportReferenceByExternalIDTests.accounts)
            #expect(accountPlan.count(.create, .organization) == 88)
            let file = SyncCorpus.path(Self.contactFile)
            let (plan, summary, _) = try await harness.importFile(
                file, mapping: ImportReferenceByExternalIDTests.contacts)
            #expect(summary.failed == 0 && plan.rejected.isEmpty && plan.altered == nil)
            #expect(plan.count(.create, .contact) == 23)

            let (accounts, exported) = try Self.exported()
            let organizations = try await harness.records(.organization)
            let contacts = try await harness.contacts()
            let linked = contacts.filter { $0["organizationId"].map { !$0.isEmptyValue } ?? false }
            #expect(linked.count == 23)
            var names: [String: String] = [:]
            for organization in organizations {
                if let id = organization["id"].map(MatchKeyNormalizer.text) {
                    names[id] = organization["name"]?.stringValue
                }
            }
            var organizationOf: [String: String] = [:]
            for contact in contacts {
                let name = contact["name"]?.stringValue ?? ""
                organizationOf[name] = contact["organizationId"].map(MatchKeyNormalizer.text)
                #expect(names[organizationOf[name] ?? ""] == accounts[exported[name] ?? ""], "\(name)")
            }
            #expect(names[organizationOf["Quentin Coldwater"] ?? ""] == "Coldwater Administrative Account")
            // Two accounts are named "Diaz Administrative Account": each Diaz is linked to their own.
            #expect(names[organizationOf["Mark Diaz"] ?? ""] == "Diaz Administrative Account")
            #expect(names[organizationOf["Hannah Diaz"] ?? ""] == "Diaz Administrative Account")
            #expect(organizationOf["Mark Diaz"] != organizationOf["Hannah Diaz"])

            let again = try await harness.plan(file, mapping: ImportReferenceByExternalIDTests.contacts)
            #expect(again.steps.allSatisfy { $0.action == .skip }, "\(again.counts)")
            #expect(again.altered == nil && again.rejected.isEmpty)
        }
    }
}

extension ImportHarness {
    /// A copy of the shipped mapping `relative` in the scratch directory with `text` replaced
    /// (which must occur): its absolute path.
    func rewritten(_ relative: String, replacing text: String, with replacement: String) throws -> String {
        let original = try String(contentsOfFile: Self.path(relative), encoding: .utf8)
        try #require(original.contains(text), "\(relative) has no '\(text)'")
        let url = directory.appendingPathComponent(URL(fileURLWithPath: relative).lastPathComponent)
        try original.replacingOccurrences(of: text, with: replacement).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// `plan(_:mapping:)` with a mapping at an absolute path, counting into `account`.
    func plan(_ file: String, mappingAt path: String, account: inout LossAccount) async throws -> ImportPlan {
        try await ImportPreparation(file: file, mapping: MappingParser.load(path: path), mappingPath: path).plan(
            client: client, ledger: ledger, account: &account
        )
    }

    func plan(_ file: String, mappingAt path: String) async throws -> ImportPlan {
        var account = LossAccount()
        return try await plan(file, mappingAt: path, account: &account)
    }

    /// `importFile(_:mapping:)` with a mapping at an absolute path.
    @discardableResult
    func importFile(_ file: String, mappingAt path: String) async throws -> (ImportPlan, RunSummary) {
        let plan = try await plan(file, mappingAt: path)
        let run = try ImportRunDirectory.create(root: directory.appendingPathComponent("runs"))
        try run.savePlan(plan)
        return (plan, try await ImportApplier(plan: plan, run: run, client: client, ledger: ledger).apply())
    }
}
