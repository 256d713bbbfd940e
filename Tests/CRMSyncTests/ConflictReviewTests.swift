import CRMClient
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// The conflict review behind `crmkit review RUN`: each decision rewrites only its own line of
/// conflicts.yaml, undo puts the one before back, and what it saves is what `runs resume` applies.
@Suite struct ConflictReviewTests {
    @Test func decisionsAreSavedLineByLineUndoneAndAppliedByResume() async throws {
        try await ImportHarness.run { harness in
            let decisions = ImportConflictDecisionTests()
            let (run, john) = try await decisions.conflictRun(harness)
            #expect(ConflictReview.handles(run.url.path))
            #expect(ConflictReview.handles(run.conflictDecisionsURL.path))
            let review = try ConflictReview(path: run.url.path)
            #expect(review.conflictCount == 1)
            #expect(review.page(decided: nil, offset: 0, limit: 10).left == 1)
            let step = try #require(review.page(decided: false, offset: 0, limit: 10).items.first)
            #expect(step.name == "Jane Smith" && step.line == 2)
            let shown = try #require(review.group(step.step))
            #expect(shown.row == "jane.csv:2")
            #expect(shown.candidates.map(\.reference) == [john])
            #expect(!shown.candidates[0].evidenceAgainst.isEmpty && !shown.candidates[0].reasons.isEmpty)

            let original = try String(contentsOf: run.conflictDecisionsURL, encoding: .utf8)
            #expect(throws: ReviewError.self) { try review.decide(step: step.step, "update 424242") }
            #expect(try review.decide(step: step.step, "skip").decision == "skip")
            #expect(try review.decide(step: step.step, "update \(john)").decision == "update \(john)")
            let saved = try String(contentsOf: run.conflictDecisionsURL, encoding: .utf8)
            let changed = zip(original.split(separator: "\n"), saved.split(separator: "\n")).filter { $0.0 != $0.1 }
            #expect(changed.count == 1, "only the decision line changes: \(changed)")
            #expect(changed.first?.1 == "    decision: update \(john)")
            #expect(review.page(decided: true, offset: 0, limit: 10).total == 1)

            #expect(try review.undo()?.decision == "skip")
            #expect(try review.undo()?.decision == "undecided")
            #expect(try review.undo() == nil)
            #expect(try String(contentsOf: run.conflictDecisionsURL, encoding: .utf8) == original)

            _ = try review.decide(step: step.step, "create")
            let reopened = try ConflictReview(path: run.conflictDecisionsURL.path)
            #expect(reopened.group(step.step)?.decision == "create", "a new review reads the saved decision")
            _ = try await decisions.resume(harness, run)
            #expect(try await harness.contacts().count == 2)
            let applied = try ConflictReview(path: run.url.path)
            #expect(applied.group(step.step)?.applied == true)
            #expect(throws: ReviewError.self) { try applied.decide(step: step.step, "skip") }
        }
    }
}
