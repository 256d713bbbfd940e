import CRMClient
import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// Plans whose step bodies and key lists wait in a spill file (see `SpillFile`): with chunks of a
/// few dozen bytes, a few hundred rows cross the chunk hundreds of times, and every step is
/// planned, written, read back, applied, resumed and rolled back as a plan held in memory is.
@Suite struct ImportSpillTests {
    static let mapping = "mappings/sample-contacts.yaml"
    static let people = 300
    static let companies = 20

    /// What the CRM should hold for one row's contact once the file is imported.
    struct Expected: Hashable {
        var name, email, jobTitle, note, organization: String
    }

    /// `people` contacts of `companies` companies, then rows repeating earlier ones (the first
    /// with a new title, the sixth twice with new notes): repeats the planner folds into the
    /// first row's step, long after that step's body went to the spill file.
    static func sourceFile(in directory: URL) throws -> (path: String, expected: Set<Expected>) {
        var lines = [
            "First Name,Last Name,Email,Phone,Mobile,Company,Title,Street,City,Postal Code,Country,Notes,Email 2"
        ]
        var expected: [String: Expected] = [:]
        func row(_ index: Int, title: String, note: String) {
            let email = "person\(index)@example.com"
            let company = "Company \(index % companies)"
            lines.append(
                "Given\(index),Family\(index),\(email),,,\(company),\(title),,,,,\(note),")
            expected[email] = Expected(
                name: "Given\(index) Family\(index)", email: email, jobTitle: title, note: note,
                organization: company)
        }
        for index in 0..<people { row(index, title: "Title \(index)", note: "note \(index)") }
        row(0, title: "Director", note: "note 0")
        row(5, title: "Title 5", note: "called back")
        row(5, title: "Title 5", note: "called back twice")
        let url = directory.appendingPathComponent("people-\(UUID().uuidString).csv")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return (url.path, Set(expected.values))
    }

    static func plan(_ harness: ImportHarness, _ file: String, spillChunkBytes: Int?) async throws -> ImportPlan {
        let mappingPath = ImportHarness.path(mapping)
        var preparation = ImportPreparation(
            file: file, mapping: try MappingParser.load(path: mappingPath), mappingPath: mappingPath)
        preparation.spillChunkBytes = spillChunkBytes
        return try await preparation.plan(client: harness.client, ledger: harness.ledger)
    }

    /// The contacts in the CRM as `Expected` values.
    static func state(_ harness: ImportHarness) async throws -> Set<Expected> {
        var organizations: [String: String] = [:]
        for organization in try await harness.records(.organization) {
            organizations[organization["id"]?.stringValue ?? ""] = organization["name"]?.stringValue ?? ""
        }
        return Set(
            try await harness.contacts().map { contact in
                Expected(
                    name: contact["name"]?.stringValue ?? "",
                    email: (contact["email"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue }
                        .joined(separator: "|"),
                    jobTitle: contact["jobTitle"]?.stringValue ?? "", note: contact["note"]?.stringValue ?? "",
                    organization: contact["organizationId"]?.stringValue.flatMap { organizations[$0] } ?? "-")
            })
    }

    /// Everything a step says, its body and keys read back from wherever they are.
    static func described(_ step: PlanStep) throws -> String {
        let body = try step.loadBody().map { JSONWriter.text(.object($0)) } ?? "-"
        return [
            "\(step.id)", step.action.rawValue, step.entity.rawValue, "\(step.source?.line ?? 0)",
            step.target ?? "-", step.targetStep.map(String.init) ?? "-",
            (step.links ?? []).map { "\($0.field)=\($0.step)" }.joined(separator: ","), body,
            (try step.loadMatchKeys() ?? []).joined(separator: ","),
            (try step.loadLedgerKeys() ?? []).joined(separator: ","), step.note ?? "-",
        ].joined(separator: " | ")
    }

    static func written(_ plan: ImportPlan, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("plan-\(UUID().uuidString).json")
        try PlanFile.write(plan, to: url)
        return url
    }

    @Test func aPlanSpilledInSmallChunksIsThePlanHeldInMemoryAndAppliesTheFile() async throws {
        try await ImportHarness.run { harness in
            let (file, expected) = try Self.sourceFile(in: harness.directory)
            let inMemory = try await Self.plan(harness, file, spillChunkBytes: nil)
            let spilled = try await Self.plan(harness, file, spillChunkBytes: 64)
            #expect(inMemory.steps.allSatisfy { $0.bodyText?.isSpilled != true })
            let bodies = spilled.steps.compactMap(\.bodyText)
            #expect(bodies.count == Self.people + Self.companies)
            #expect(bodies.allSatisfy { $0.isSpilled }, "every decided step's body waits in the spill file")
            #expect(try spilled.steps.map(Self.described) == inMemory.steps.map(Self.described))
            #expect(spilled.count(.create, .contact) == Self.people)
            #expect(spilled.count(.skip, .contact) == 3)

            // Read back from the plan file into a spill file of its own, as `crmkit apply` does.
            let url = try Self.written(spilled, in: harness.directory)
            let read = try PlanFile.read(url, spillChunkBytes: 100)
            #expect(read.steps.compactMap(\.bodyText).allSatisfy { $0.isSpilled })
            #expect(try read.steps.map(Self.described) == inMemory.steps.map(Self.described))

            let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(read)
            let summary = try await ImportApplier(plan: read, run: run, client: harness.client).apply()
            #expect(summary.status == "complete" && summary.failed == 0, "\(summary)")
            #expect(try await Self.state(harness) == expected)
            #expect(try await harness.records(.organization).count == Self.companies)
        }
    }

    @Test func aRowRepeatingARowLongSinceSpilledFoldsIntoItsStep() async throws {
        try await ImportHarness.run { harness in
            let (file, _) = try Self.sourceFile(in: harness.directory)
            let plan = try await Self.plan(harness, file, spillChunkBytes: 32)
            let first = try #require(plan.steps.first { $0.source?.line == 2 })
            #expect(first.action == .create)
            #expect(first.bodyText?.isSpilled == true)
            #expect(try first.loadBody()?["jobTitle"] == "Director", "the last row's word, over the spilled body")
            let sixth = try #require(plan.steps.first { $0.source?.line == 7 })
            #expect(try sixth.loadBody()?["note"] == "called back twice")
            let repeats = plan.steps.filter { $0.action == .skip }
            #expect(repeats.map(\.targetStep) == [first.id, sixth.id, sixth.id])
        }
    }

    @Test func aCrashedRunOfASpilledPlanResumesToTheSameCRMAndRollsBack() async throws {
        try await ImportHarness.run { harness in
            let (file, expected) = try Self.sourceFile(in: harness.directory)
            let plan = try await Self.plan(harness, file, spillChunkBytes: 64)
            let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(plan)
            // In a function of its own: the applier (and its hold on the run) ends with it.
            func applyOnce() async throws -> RunSummary {
                try await ImportApplier(plan: plan, run: run, client: harness.client).apply()
            }
            #expect(try await applyOnce().status == "complete")

            // The process dies halfway: the journal ends right after a create was sent, whose
            // record the CRM made (its answer was lost); what was never sent is not in the CRM.
            let journalURL = run.url.appendingPathComponent("journal.jsonl")
            let lines = try String(contentsOf: journalURL, encoding: .utf8).split(separator: "\n").map(String.init)
            let entries = try lines.map { try JSONDecoder().decode(RunJournal.Entry.self, from: Data($0.utf8)) }
            let cut = try #require(
                entries.indices.last { $0 < entries.count / 2 && entries[$0].event == .started })
            let kept = Set(entries[...cut].map(\.step))
            let entities = Dictionary(plan.steps.map { ($0.id, $0.entity) }, uniquingKeysWith: { first, _ in first })
            for entry in entries[(cut + 1)...] where entry.event == .created && !kept.contains(entry.step) {
                let entity = try #require(entities[entry.step])
                _ = try await RecordStore(client: harness.client, entity: entity).bulkDelete([entry.id ?? ""])
            }
            try (lines[...cut].joined(separator: "\n") + "\n").write(to: journalURL, atomically: true, encoding: .utf8)
            #expect(try await Self.state(harness) != expected)

            do {
                let reread = try PlanFile.read(run.planURL, spillChunkBytes: 100)
                let resumed = try ImportApplier(plan: reread, run: run, client: harness.client)
                resumed.abandonedRequestWindow = .zero
                let summary = try await resumed.apply()
                #expect(summary.status == "complete" && summary.failed == 0, "\(summary)")
            }
            #expect(try await Self.state(harness) == expected, "every record once, none twice")
            let journal = try String(contentsOf: journalURL, encoding: .utf8)
            #expect(journal.contains("found in the CRM after the answer to its create was lost"))

            let report = try await ImportRollback(
                plan: try PlanFile.read(run.planURL, spillChunkBytes: 100), run: run, client: harness.client
            ).rollback()
            #expect(report.deleted[.contact] == Self.people)
            #expect(report.deleted[.organization] == Self.companies)
            #expect(try await harness.contacts().isEmpty)
            #expect(try await harness.records(.organization).isEmpty)
        }
    }

    @Test func aPlanOfTheFormerFormatIsStillApplied() async throws {
        try await ImportHarness.run { harness in
            let (file, expected) = try Self.sourceFile(in: harness.directory)
            var plan = try await Self.plan(harness, file, spillChunkBytes: nil)
            // Format 1 carried each row's fields in the plan instead of its place in the source.
            plan.format = "crmkit-import-plan/1"
            for index in plan.steps.indices {
                guard let line = plan.steps[index].source?.line else { continue }
                plan.steps[index].source?.fields = [["Email", "row \(line)"]]
            }
            let read = try PlanFile.read(try Self.written(plan, in: harness.directory), spillChunkBytes: 64)
            #expect(read.format == "crmkit-import-plan/1")
            let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
            try run.savePlan(read)
            let summary = try await ImportApplier(plan: read, run: run, client: harness.client).apply()
            #expect(summary.status == "complete" && summary.failed == 0, "\(summary)")
            #expect(try await Self.state(harness) == expected)
            let success = try String(contentsOf: run.successURL, encoding: .utf8)
            #expect(success.contains("row 2"), "its rows are shown as the plan holds them")
        }
    }
}
