import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// Plan files: written item by item, read back exactly — in their own layout, and after a person
/// reformatted them (pretty-printed JSON is read by the general decoder).
@Suite struct PlanFileTests {
    func samplePlan(rejected: Int, steps: Int) -> ImportPlan {
        var plan = ImportPlan(
            createdAt: "2026-11-30T07:00:00.000Z", entity: .contact, source: FileStamp(path: "a.csv", sha256: "00"),
            mapping: FileStamp(path: "m.yaml", sha256: "11"), target: "http://127.0.0.1:1",
            columns: ["Name", "E-mail"],
            steps: [], rejected: [])
        plan.crm = "sandbox:/tmp/x.sqlite"
        plan.matchRules = [["email"], ["phone", "name"]]
        for index in 0..<rejected {
            plan.rejected.append(
                RejectedRecord(
                    source: StepSource(file: "a.csv", line: index + 2, fields: [["Name", "Line\nbreak, \"quoted\""]]),
                    reasons: ["a.csv:\(index + 2): name: missing"]))
        }
        for index in 0..<steps {
            var step = PlanStep(id: index, action: index % 2 == 0 ? .create : .update, entity: .contact)
            step.body = [
                "name": .string("Person \(index)"),
                "email": [["value": .string("p\(index)@example.com"), "primary": true]],
            ]
            step.source = StepSource(file: "a.csv", line: index + 10, fields: [["Name", "Person \(index)"]])
            step.expected =
                index % 2 == 0
                ? nil : ExpectedRecord(id: "\(index)", updatedOn: "2026-01-01T00:00:00.000Z", values: ["name": .null])
            plan.steps.append(step)
        }
        return plan
    }

    /// The plan read back, and whether it was read line by line in the writer's layout.
    func roundTrip(_ plan: ImportPlan) throws -> (ImportPlan, lineByLine: Bool) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try PlanFile.write(plan, to: url)
        return (try PlanFile.read(url), try PlanFile.readLines(url) != nil)
    }

    func encoded(_ plan: ImportPlan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(plan)
    }

    @Test(arguments: [(0, 0), (0, 3), (2, 0), (3, 5)])
    func writtenPlansReadBackExactly(_ sizes: (Int, Int)) throws {
        let plan = samplePlan(rejected: sizes.0, steps: sizes.1)
        let (read, lineByLine) = try roundTrip(plan)
        #expect(try encoded(read) == encoded(plan))
        #expect(lineByLine, "the writer's own layout is read line by line")
    }

    @Test func aPrettyPrintedPlanIsReadByTheGeneralDecoder() throws {
        let plan = samplePlan(rejected: 1, steps: 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pretty-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try encoder.encode(plan).write(to: url)
        #expect(try PlanFile.readLines(url) == nil)
        #expect(try encoded(PlanFile.read(url)) == encoded(plan))
    }

    @Test func rowsKeepTheirPlaceInTheSourceAndNoFields() throws {
        var plan = samplePlan(rejected: 0, steps: 1)
        plan.steps[0].source = StepSource(SourceProvenance(file: "a.csv", line: 7, record: 5))
        let (read, _) = try roundTrip(plan)
        let source = try #require(read.steps.first?.source)
        #expect(source.line == 7 && source.record == 5 && source.fields == nil)
    }

    @Test func aPlanOfTheFormerFormatIsReadWithItsRows() throws {
        var plan = samplePlan(rejected: 1, steps: 2)
        plan.format = "crmkit-import-plan/1"
        let (read, _) = try roundTrip(plan)
        #expect(read.format == "crmkit-import-plan/1")
        #expect(read.steps.first?.source?.fields == [["Name", "Person 0"]])
        #expect(!PlanSourceRows.needsSource(read), "its rows are shown as the plan holds them")
    }

    @Test func aPlanOfAnUnknownFormatSaysWhatToDo() throws {
        var plan = samplePlan(rejected: 0, steps: 1)
        plan.format = "crmkit-import-plan/9"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("future-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try PlanFile.write(plan, to: url)
        let error = #expect(throws: RunError.self) { _ = try PlanFile.read(url) }
        #expect(error?.description.contains("crmkit-import-plan/9") == true)
        #expect(error?.description.contains("--plan-out") == true)
    }

    @Test func aDamagedPlanNamesWhereItBroke() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try #"{"format": "crmkit-import-plan/1", "steps": "no"}"#.write(to: url, atomically: true, encoding: .utf8)
        let error = #expect(throws: RunError.self) { _ = try PlanFile.read(url) }
        #expect(error?.description.contains("is not an import plan") == true)
        #expect(error?.description.contains("--plan-out") == true)
    }
}
