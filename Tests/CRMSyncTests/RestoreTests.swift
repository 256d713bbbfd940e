import CRMClient
import CRMModel
import CRMSandbox
import Foundation
import Testing
@testable import CRMSync

/// `crmkit restore`: a backup recreated in an empty CRM with new ids and every link remapped,
/// checked by taking a backup of the result and comparing the two.
@Suite struct RestoreTests {
    @Test func backupRestoreBackupGivesTheSameCRMApartFromIds() async throws {
        try await ImportHarness.run { source in
            try await WholeCRMFixture.seed(source.client)
            let first = source.directory.appendingPathComponent("first")
            let manifest = try await Backup(client: source.client, identity: "source").write(to: first)
            #expect(manifest.counts == ["organizations": 2, "contacts": 3, "leads": 2, "opportunities": 1, "cases": 2])
            try await ImportHarness.run { target in
                let restore = Restore(
                    client: target.client, identity: "target", runsRoot: target.directory.appendingPathComponent("runs")
                )
                let outcome = try await restore.restore(from: first)
                #expect(outcome.summary.status == "complete" && outcome.summary.failed == 0, "\(outcome.summary)")
                #expect(outcome.altered == 0)
                #expect(!outcome.resumed)

                let second = target.directory.appendingPathComponent("second")
                let again = try await Backup(client: target.client, identity: "target").write(to: second)
                #expect(again.files.map(\.path) == manifest.files.map(\.path))
                #expect(again.files.map(\.count) == manifest.files.map(\.count))
                let ids = try IDMapFile.read(outcome.idMap)
                #expect(ids.values.map(\.count).reduce(0, +) == 10)
                #expect(ids.values.allSatisfy { $0.values.allSatisfy { !$0.isEmpty } })
                let expected = try BackupComparison.portable(first, ids: ids)
                let found = try BackupComparison.portable(second, ids: nil)
                for path in manifest.files.map(\.path) {
                    let differing = zip(expected[path] ?? [], found[path] ?? []).first { $0.0 != $0.1 }
                    #expect(
                        expected[path]?.count == found[path]?.count && differing == nil,
                        "\(path) differs: \(String(describing: differing))")
                }

                // Restoring again: the CRM now holds the backup's records.
                let refused = await #expect(throws: RestoreError.self) { try await restore.restore(from: first) }
                #expect(refused?.description.contains("--into-nonempty") == true)
            }
        }
    }

    @Test func aDamagedBackupIsRefusedBeforeAnythingIsWritten() async throws {
        try await ImportHarness.run { source in
            try await WholeCRMFixture.seed(source.client)
            let backup = source.directory.appendingPathComponent("backup")
            _ = try await Backup(client: source.client, identity: "source").write(to: backup)
            let file = backup.appendingPathComponent("records/contacts.jsonl")
            var text = try String(contentsOf: file, encoding: .utf8)
            text = text.replacingOccurrences(of: "Amelia", with: "Amalia")
            try text.write(to: file, atomically: true, encoding: .utf8)
            try await ImportHarness.run { target in
                let restore = Restore(
                    client: target.client, identity: "target", runsRoot: target.directory.appendingPathComponent("runs")
                )
                let error = await #expect(throws: RestoreError.self) { try await restore.restore(from: backup) }
                #expect(error?.description.contains("records/contacts.jsonl: changed since the backup") == true)
                let counts = try await Restore.recordCounts(target.client)
                #expect(counts.values.allSatisfy { $0 == 0 })
                let caseTypes = try await target.client.caseTypes.list()
                #expect(caseTypes.allSatisfy { $0.label != "Feature Request" })
            }
        }
    }

    /// The target goes away in the middle of the records; the same restore run again continues
    /// the same run and ends with every record once.
    @Test func aRestoreCutOffMidwayIsFinishedByRunningItAgain() async throws {
        try await ImportHarness.run { source in
            let organization = try await source.client.organizations.create(Organization(fields: ["name": "Fabrikam"]))
            let organizationID = JSONValue.string(organization.id?.rawValue ?? "")
            for index in 0..<400 {
                _ = try await source.client.contacts.create(
                    Contact(fields: [
                        "name": .string("Person \(index)"), "organizationId": organizationID,
                        "email": [["label": "Work", "value": .string("p\(index)@fabrikam.example"), "primary": true]],
                    ]))
            }
            let backup = source.directory.appendingPathComponent("backup")
            _ = try await Backup(client: source.client, identity: "source").write(to: backup)

            let database = source.directory.appendingPathComponent("target.sqlite").path
            var slow = SandboxConfiguration(databasePath: database, apiKey: "restore-key-0123456789")
            slow.faults = FaultConfiguration(latencyMilliseconds: 5)
            let first = try await SandboxServer.start(slow)
            var options = ClientOptions()
            options.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20))
            let client = try CRMClient(baseURL: first.baseURL, apiKey: "restore-key-0123456789", options: options)
            let runs = source.directory.appendingPathComponent("runs")
            let stopping = StopOnce()
            await #expect(throws: CRMError.self) {
                _ = try await Restore(client: client, identity: "target", runsRoot: runs).restore(from: backup) {
                    progress in
                    if progress.done >= 100, stopping.first() { Task { await first.stop() } }
                }
            }
            await first.stop()
            let run = try #require(try ImportRunDirectory.list(root: runs).last)
            let state = try run.state()
            let plan = try run.loadPlan()
            #expect(plan.steps.contains { state.state($0.id) == .notStarted }, "the target went away before the end")

            let back = try await SandboxServer.start(
                SandboxConfiguration(databasePath: database, apiKey: "restore-key-0123456789"))
            let again = try CRMClient(baseURL: back.baseURL, apiKey: "restore-key-0123456789")
            let outcome = try await Restore(client: again, identity: "target", runsRoot: runs).restore(from: backup)
            #expect(outcome.resumed)
            #expect(outcome.run.name == run.name)
            #expect(outcome.summary.status == "complete" && outcome.summary.failed == 0, "\(outcome.summary)")
            let contacts = try await RecordStore(client: again, entity: .contact).all()
            #expect(contacts.count == 400)
            #expect(Set(contacts.compactMap { $0["name"]?.stringValue }).count == 400)
            let organizations = try await RecordStore(client: again, entity: .organization).all()
            #expect(organizations.count == 1)
            let newOrganization = organizations.first?["id"].flatMap(RecordTranslation.text)
            #expect(contacts.allSatisfy { $0["organizationId"].flatMap(RecordTranslation.text) == newOrganization })
            await back.stop()
        }
    }
}

/// True the first time only (the progress callback runs on many tasks).
final class StopOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func first() -> Bool {
        lock.withLock {
            defer { done = true }
            return !done
        }
    }
}
