import CRMClient
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// A create sent by a process that died may reach the CRM after the resumed run has started.
/// The resumed applier waits until the create's window (`abandonedRequestWindow`, counted from
/// its journaled `started`) has passed before it looks for the record: a create landing inside
/// the window is found, not sent again.
@Suite struct ImportResumeRaceTests {
    static let csv = """
        First Name,Last Name,Email,Phone,Mobile,Company,Title,Street,City,Postal Code,Country,Notes,Email 2
        Ada,Lovelace,ada@engines.example,,,,Analyst,,,,,,

        """

    /// A run whose one create was journaled `started` by a process that then died, and that
    /// create's request as the CRM would run it, late.
    struct AbandonedCreate {
        let plan: ImportPlan
        let run: ImportRunDirectory
        let body: JSONObject

        init(_ harness: ImportHarness) async throws {
            let file = harness.directory.appendingPathComponent("ada.csv")
            try ImportResumeRaceTests.csv.write(to: file, atomically: true, encoding: .utf8)
            plan = try await harness.plan(file.path, mapping: "mappings/sample-contacts.yaml")
            let step = try #require(plan.steps.first { $0.action == .create && $0.entity == .contact })
            run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(plan)
            try run.journal().append(RunJournal.Entry(step: step.id, event: .started))
            body = try #require(step.body)
        }

        func land(_ harness: ImportHarness) async throws {
            _ = try await RecordStore(client: harness.client, entity: .contact).create(body)
        }
    }

    @Test func aCreateLandingInsideTheWindowIsFoundNotSentAgain() async throws {
        try await ImportHarness.run { harness in
            let abandoned = try await AbandonedCreate(harness)
            let applier = try ImportApplier(plan: abandoned.plan, run: abandoned.run, client: harness.client)
            applier.abandonedRequestWindow = .seconds(3)
            let resumed = Task { try await applier.apply() }
            try await Task.sleep(for: .milliseconds(300))
            try await abandoned.land(harness)
            let summary = try await resumed.value
            #expect(summary.failed == 0)
            #expect(try await harness.contacts().count == 1, "the late create was sent again")
        }
    }

    /// Without the wait the race is real: this is what the window prevents.
    @Test func withoutTheWindowALateCreateIsADuplicate() async throws {
        try await ImportHarness.run { harness in
            let abandoned = try await AbandonedCreate(harness)
            let applier = try ImportApplier(plan: abandoned.plan, run: abandoned.run, client: harness.client)
            applier.abandonedRequestWindow = .zero
            _ = try await applier.apply()
            try await abandoned.land(harness)
            #expect(try await harness.contacts().count == 2)
        }
    }
}
