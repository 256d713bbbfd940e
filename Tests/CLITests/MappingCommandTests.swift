import Foundation
import Testing

/// `crmkit mapping preview` and `crmkit mapping init` from the command line, against an
/// embedded sandbox over HTTP.
@Suite struct MappingCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    @Test func previewShowsEachRecordBesideItsFieldsWithRejectionsAndDropsInline() async throws {
        try await withCLISandbox { sandbox in
            let result = try await sandbox.run([
                "mapping", "preview", Self.path("samples/bad/outlook-contacts-bad-rows.csv"),
                "--mapping", Self.path("mappings/outlook-contacts.yaml"), "--rows", "4",
            ])
            #expect(result.status == 0, "\(result.all)")
            #expect(result.stdout.contains("line 2 (record 1): ok"))
            #expect(result.stdout.contains("First Name = Ana"))
            #expect(result.stdout.contains("→ name: Ana Silva"))
            #expect(result.stdout.contains("line 3 (record 2): rejected"))
            #expect(result.stdout.contains("  error: name: (empty): required:"))
            #expect(result.stdout.contains("line 5 (record 4): ok, values dropped"))
            #expect(
                result.stdout.contains("warning: email[0].value: dropped 'cy.dorn@@contoso.example'"),
                "\(result.stdout)")
            #expect(!result.stdout.contains("line 6"), "--rows 4 shows four records")
        }
    }

    @Test func previewAsJSONListsRecordsAndNotes() async throws {
        try await withCLISandbox { sandbox in
            let result = try await sandbox.run([
                "mapping", "preview", Self.path("samples/outlook-contacts.csv"),
                "--mapping", Self.path("mappings/outlook-contacts.yaml"), "--rows", "2", "--json",
            ])
            #expect(result.status == 0, "\(result.all)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let records = object?["records"] as? [[String: Any]]
            #expect(records?.count == 2)
            #expect((records?.first?["fields"] as? [String: Any])?["name"] != nil)
            #expect((object?["notes"] as? [Any])?.isEmpty == false, "the German and French name variants are absent")
        }
    }

    @Test func initWritesAMappingThatValidatesTheFile() async throws {
        try await withCLISandbox { sandbox in
            let out = sandbox.directory.appendingPathComponent("proposed.yaml").path
            let made = try await CLI.run(
                ["mapping", "init", Self.path("samples/google-contacts.csv"), "--out", out], in: sandbox.directory)
            #expect(made.status == 0, "\(made.all)")
            #expect(made.stderr.contains("recognised Google Contacts"), "\(made.stderr)")
            let yaml = try String(contentsOfFile: out, encoding: .utf8)
            #expect(yaml.contains("target: contact"))
            #expect(yaml.contains("# "))
            let validated = try await sandbox.run([
                "validate", Self.path("samples/google-contacts.csv"), "--mapping", out,
            ])
            #expect(validated.status == 0, "\(validated.all)\n\(yaml)")
        }
    }

    @Test func initRefusesAnUnknownEntity() async throws {
        let result = try await CLI.run(
            ["mapping", "init", Self.path("samples/google-contacts.csv"), "--entity", "person"],
            in: FileManager.default.temporaryDirectory)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--entity must be contact, organization, lead, opportunity or case"))
    }
}
