import CRMClient
import CRMImport
import CRMModel
import CRMSandbox
import Foundation
import Testing
@testable import CRMSync

/// Imports under a misbehaving CRM end exactly where a clean import ends; a rollback leaves the
/// CRM as it was before the run.
@Suite struct ImportResilienceTests {
    /// Contacts as a user compares two CRMs: ids and timestamps differ, nothing else may.
    static func fingerprint(_ harness: ImportHarness) async throws -> [String] {
        let organizations = try await harness.records(.organization)
        var names: [String: String] = [:]
        for organization in organizations {
            if let id = organization["id"]?.stringValue { names[id] = organization["name"]?.stringValue ?? "" }
        }
        let contacts = try await harness.contacts().map { contact -> String in
            let emails = (contact["email"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue }.joined(
                separator: "|")
            let phones = (contact["phone"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue }.joined(
                separator: "|")
            let organization = contact["organizationId"]?.stringValue.flatMap { names[$0] } ?? "-"
            return [
                contact["name"]?.stringValue ?? "", emails, phones, contact["jobTitle"]?.stringValue ?? "",
                organization,
                contact["note"]?.stringValue ?? "",
            ].joined(separator: " ; ")
        }
        return (contacts + organizations.map { "organization ; " + ($0["name"]?.stringValue ?? "") }).sorted()
    }

    /// What `lhs` holds more often than `rhs` (a multiset difference).
    static func difference(_ lhs: [String], _ rhs: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for item in rhs { counts[item, default: 0] += 1 }
        return lhs.filter { item in
            guard let count = counts[item], count > 0 else { return true }
            counts[item] = count - 1
            return false
        }
    }

    func sampleFile(_ harness: ImportHarness, count: Int) throws -> String {
        let path = harness.directory.appendingPathComponent("contacts.csv").path
        _ = try SampleWriter.write(count: count, format: .csv, to: path, duplicateRate: 0.1, seed: 42)
        return path
    }

    @Test func tenThousandRecordsUnderFaultsEndAsACleanRunDoes() async throws {
        var clean: [String] = []
        try await ImportHarness.run { harness in
            let (plan, summary, _) = try await harness.importFile(
                try sampleFile(harness, count: 10_000), mapping: "mappings/sample-contacts.yaml")
            #expect(summary.status == "complete", "\(summary)")
            #expect(plan.count(.create, .contact) > 8_000)
            clean = try await Self.fingerprint(harness)
        }
        let faults = FaultConfiguration(failRate: 0.1, dropRate: 0.02, latencyMilliseconds: 1, rateLimit: 2_000)
        try await ImportHarness.run(faults: faults) { harness in
            let (_, summary, run) = try await harness.importFile(
                try sampleFile(harness, count: 10_000), mapping: "mappings/sample-contacts.yaml")
            let errors = try String(contentsOf: run.errorsURL, encoding: .utf8)
            #expect(summary.failed == 0, "\(errors.prefix(2_000))")
            #expect(summary.status == "complete")
            let chaotic = try await Self.fingerprint(harness)
            #expect(chaotic.count == clean.count)
            let extra = Self.difference(chaotic, clean)
            let missing = Self.difference(clean, chaotic)
            #expect(extra.isEmpty && missing.isEmpty, "extra: \(extra.prefix(5)); missing: \(missing.prefix(5))")
            // Lost answers really happened and were resolved by looking, not by creating twice.
            let journal = try String(contentsOf: run.url.appendingPathComponent("journal.jsonl"), encoding: .utf8)
            #expect(journal.contains("found in the CRM after the answer to its create was lost"))
        }
    }

    @Test func rollbackLeavesTheCRMAsItWasExceptMerges() async throws {
        try await ImportHarness.run { harness in
            let sample = ImportHarness.path("samples/outlook-contacts.csv")
            let mapping = "mappings/outlook-contacts.yaml"
            // Before: half the sample already imported, one of those edited, plus two duplicates to merge.
            let half = try harness.edited(sample, name: "half.csv") { lines in lines = Array(lines.prefix(7)) }
            try await harness.importFile(half, mapping: mapping)
            let store = RecordStore(client: harness.client, entity: .contact)
            let mei = try #require(try await harness.contacts().first { $0["name"]?.stringValue == "Mei Tanaka" })
            _ = try await store.update(mei["id"]?.stringValue ?? "", ["jobTitle": "CMO", "note": "edited by hand"])
            _ = try await store.create([
                "name": "Dmitri V.", "email": [["label": "Work", "value": "dmitri.volkov@graphic.example"]],
            ])
            _ = try await store.create([
                "name": "D. Volkov", "phone": [["label": "Work", "value": "+15550100114"]],
                "email": [["label": "Work", "value": "dvolkov@graphic.example"]],
            ])
            let before = comparable(try await harness.contacts())
            let organizationsBefore = comparable(try await harness.records(.organization))
            let tagsBefore = try await harness.client.tags(for: .contact).list().compactMap(\.label).sorted()

            let changed = try harness.edited(sample, name: "all.csv") { lines in
                lines[12] = lines[12].replacingOccurrences(
                    of: ",,,555-010-0114", with: ",dvolkov@graphic.example,,555-010-0114")
            }
            let (plan, summary, run) = try await harness.importFile(changed, mapping: mapping)
            #expect(summary.failed == 0)
            #expect(plan.count(.update, .contact) == 1)
            #expect(plan.count(.merge, .contact) == 1)
            #expect(plan.count(.create, .contact) == 5)
            #expect(try await harness.contacts().count == before.count + 5 - 1)

            let report = try await ImportRollback(plan: plan, run: run, client: harness.client).rollback()
            #expect(report.restored == 1)
            #expect(report.deleted[.contact] == 5)
            #expect(report.merges.count == 1)
            #expect(report.notRestored.isEmpty)
            // Everything but the merged pair is exactly as before.
            let mergedIDs = Set(
                plan.steps.filter { $0.action == .merge }.flatMap {
                    [$0.target ?? ""] + ($0.mergeSources ?? []).map(\.id)
                })
            let after = comparable(try await harness.contacts()).filter {
                !mergedIDs.contains($0["id"]?.stringValue ?? "")
            }
            #expect(after == before.filter { !mergedIDs.contains($0["id"]?.stringValue ?? "") })
            #expect(comparable(try await harness.records(.organization)) == organizationsBefore)
            #expect(try await harness.client.tags(for: .contact).list().compactMap(\.label).sorted() == tagsBefore)
            // A second rollback finds nothing left to do.
            let again = try await ImportRollback(plan: plan, run: run, client: harness.client).rollback()
            #expect(again.restored == 0 && again.deleted.isEmpty && again.merges.isEmpty)
        }
    }

    @Test func rollbackLeavesRecordsChangedSinceTheRunAlone() async throws {
        try await ImportHarness.run { harness in
            let sample = ImportHarness.path("samples/outlook-contacts.csv")
            let mapping = "mappings/outlook-contacts.yaml"
            try await harness.importFile(sample, mapping: mapping)
            let changed = try harness.edited(sample, name: "changed.csv") { lines in
                lines[1] = lines[1].replacingOccurrences(of: "Account Manager", with: "Sales Director")
            }
            let (plan, _, run) = try await harness.importFile(changed, mapping: mapping)
            let jane = try #require(try await harness.contacts().first { $0["name"]?.stringValue == "Jane A. Doe" })
            _ = try await RecordStore(client: harness.client, entity: .contact).update(
                jane["id"]?.stringValue ?? "", ["note": "someone else"])
            let report = try await ImportRollback(plan: plan, run: run, client: harness.client).rollback()
            #expect(report.restored == 0)
            #expect(report.notRestored.count == 1)
            #expect(report.notRestored.first?.contains("changed since the run") == true)
            let forced = try await ImportRollback(plan: plan, run: run, client: harness.client, force: true).rollback()
            #expect(forced.restored == 1)
            let restored = try #require(try await harness.contacts().first { $0["name"]?.stringValue == "Jane A. Doe" })
            #expect(restored["jobTitle"]?.stringValue == "Account Manager")
        }
    }
}

/// One process per run: a second applier (or a rollback) on a run in use is refused, and the run
/// is free again once the first is gone.
@Suite struct RunLockTests {
    @Test func aRunInUseIsRefusedAndFreedAfterwards() async throws {
        try await ImportHarness.run { harness in
            let plan = try await harness.plan(
                ImportHarness.path("samples/outlook-contacts.csv"), mapping: "mappings/outlook-contacts.yaml")
            let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(plan)
            var first: ImportApplier? = try ImportApplier(plan: plan, run: run, client: harness.client)
            let error = #expect(throws: RunError.self) {
                _ = try ImportApplier(plan: plan, run: run, client: harness.client)
            }
            #expect(error?.description.contains("is being applied by another crmkit process (pid \(getpid()))") == true)
            await #expect(throws: RunError.self) {
                _ = try await ImportRollback(plan: plan, run: run, client: harness.client).rollback()
            }
            #expect(first != nil)
            first = nil
            let summary = try await ImportApplier(plan: plan, run: run, client: harness.client).apply()
            #expect(summary.status == "complete")
        }
    }
}

/// A CRM that goes away mid-run stops the run (nothing is marked failed); once it is back, the
/// same run resumes to completion without creating anything twice.
@Suite struct UnreachableCRMTests {
    @Test func theRunStopsAndResumesWhenTheCRMIsBack() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-gone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("s.sqlite").path
        let file = directory.appendingPathComponent("contacts.csv").path
        _ = try SampleWriter.write(count: 3_000, format: .csv, to: file, duplicateRate: 0, seed: 3)
        let mappingPath = ImportHarness.path("mappings/sample-contacts.yaml")
        let mapping = try MappingParser.load(path: mappingPath)

        var slow = SandboxConfiguration(databasePath: database, apiKey: "gone-key-0123456789")
        slow.faults = FaultConfiguration(latencyMilliseconds: 5)
        let first = try await SandboxServer.start(slow)
        var options = ClientOptions()
        options.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20))
        let client = try CRMClient(baseURL: first.baseURL, apiKey: "gone-key-0123456789", options: options)
        let plan = try await ImportPreparation(file: file, mapping: mapping, mappingPath: mappingPath).plan(
            client: client)
        let run = try ImportRunDirectory.create(root: directory.appendingPathComponent("runs"))
        try run.savePlan(plan)
        let stopper = Task {
            try await Task.sleep(for: .milliseconds(400))
            await first.stop()
        }
        await #expect(throws: CRMError.self) {
            _ = try await ImportApplier(plan: plan, run: run, client: client).apply()
        }
        try await stopper.value
        let state = try run.state()
        #expect(
            plan.steps.allSatisfy { if case .failed = state.state($0.id) { false } else { true } },
            "no step is blamed for the outage")
        #expect(plan.steps.contains { state.state($0.id) == .notStarted }, "the CRM went away before the end")

        let back = try await SandboxServer.start(
            SandboxConfiguration(databasePath: database, apiKey: "gone-key-0123456789"))
        let again = try CRMClient(baseURL: back.baseURL, apiKey: "gone-key-0123456789")
        let resumed = try ImportApplier(plan: plan, run: run, client: again)
        // The first server answered every request it had accepted before it stopped: nothing
        // abandoned can land any more.
        resumed.abandonedRequestWindow = .zero
        let summary = try await resumed.apply()
        #expect(summary.status == "complete" && summary.failed == 0, "\(summary)")
        let contacts = try await RecordStore(client: again, entity: .contact).all()
        #expect(contacts.count == plan.count(.create, .contact))
        await back.stop()
    }
}
