import Foundation
import Testing

/// The Salesforce migration as a user runs it (accounts, then contacts), from the command line
/// against a sandbox over HTTP: the links by Salesforce Id, and the message for an Id that names
/// no imported account.
@Suite struct SalesforceMigrationCommandTests {
    static func path(_ relative: String) -> String { MappingCommandTests.path(relative) }

    @Test func contactsImportedAfterTheAccountsAreLinkedAndAnUnknownAccountIsReported() async throws {
        try await withCLISandbox { sandbox in
            let preview = try await sandbox.run([
                "mapping", "preview", Self.path("samples/salesforce-contacts.csv"),
                "--mapping", Self.path("mappings/salesforce-contacts.yaml"), "--rows", "1",
            ])
            #expect(
                preview.stdout.contains(
                    "organizationId: organization by salesforceId '0018c00002HgO00AAN' (must be imported first)"),
                "\(preview.all)")

            let accounts = try await sandbox.run([
                "import", Self.path("samples/salesforce-accounts.csv"),
                "--mapping", Self.path("mappings/salesforce-accounts.yaml"), "--yes",
            ])
            #expect(accounts.status == 0, "\(accounts.all)")

            let contacts = try await sandbox.run([
                "import", Self.path("samples/salesforce-contacts.csv"),
                "--mapping", Self.path("mappings/salesforce-contacts.yaml"), "--yes",
            ])
            #expect(contacts.status == 65, "a dropped link stops the import unless accepted: \(contacts.all)")
            #expect(
                contacts.all.contains(
                    "salesforce-contacts.csv:13: warning: organizationId: dropped '0018c00002HgO11AAN': "
                        + "unknown_reference: no organization imported into this CRM has this salesforceId"),
                "\(contacts.all)")
            #expect(contacts.all.contains("(Account.csv with mappings/salesforce-accounts.yaml)"))

            let accepted = try await sandbox.run([
                "import", Self.path("samples/salesforce-contacts.csv"),
                "--mapping", Self.path("mappings/salesforce-contacts.yaml"), "--yes", "--accept-lossy",
            ])
            #expect(accepted.status == 0, "\(accepted.all)")
            let listed = try await sandbox.json(["contacts", "list", "--size", "100"])
            let records = listed["items"] as? [[String: Any]] ?? []
            #expect(records.count == 12, "\(listed)")
            #expect(records.filter { $0["organizationId"] != nil && !($0["organizationId"] is NSNull) }.count == 11)
        }
    }
}
