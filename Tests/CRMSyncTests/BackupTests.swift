import CRMClient
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// `crmkit backup`: every record and the schema, with a manifest that checks them.
@Suite struct BackupTests {
    @Test func backupHoldsEveryRecordAndTheSchemaWithSums() async throws {
        try await ImportHarness.run { harness in
            try await ExportRoundTripTests.seed(harness)
            let directory = harness.directory.appendingPathComponent("backup")
            let manifest = try await Backup(client: harness.client, identity: "test-crm").write(to: directory)
            #expect(manifest.counts == ["organizations": 1, "contacts": 3, "leads": 0, "opportunities": 0, "cases": 0])
            #expect(manifest.crm == "test-crm")
            #expect(try BackupManifest.load(directory) == manifest)
            #expect(manifest.verify(directory).isEmpty)
            let paths = Set(manifest.files.map(\.path))
            for path in [
                "schema/forms/contacts.json", "schema/tags/contacts.json", "schema/case-types.json",
                "schema/pipelines.json",
            ] {
                #expect(paths.contains(path), "\(path) not in \(paths.sorted())")
            }
            #expect(manifest.files.first { $0.path == "schema/tags/contacts.json" }?.count == 1)
            var contacts: [JSONObject] = []
            try SpoolReader(url: directory.appendingPathComponent("records/contacts.jsonl")).forEach {
                contacts.append($0)
            }
            #expect(contacts == (try await harness.contacts()))

            let file = directory.appendingPathComponent("records/contacts.jsonl")
            try Data("{}\n".utf8).write(to: file)
            #expect(manifest.verify(directory) == ["records/contacts.jsonl: changed since the backup"])
            await #expect(throws: ExportError.self) {
                try await Backup(client: harness.client, identity: "test-crm").write(to: directory)
            }
        }
    }
}
