import CRMSync
import Foundation

/// How long `JSONEncoder` takes over a plan with and without the pretty printing and key sorting
/// `PlanFile.write` asks for, and how big each result is: saving plan.json is on the critical
/// path of every import (the apply may not start before the plan is on disk), so this says what
/// a cheaper plan format would save.
enum PlanEncodingProbe {
    static func report(_ plan: ImportPlan) -> [String] {
        let variants: [(String, JSONEncoder.OutputFormatting)] = [
            ("pretty + sorted keys (plan.json today)", [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
            ("compact, sorted keys", [.sortedKeys, .withoutEscapingSlashes]),
            ("compact, unsorted", [.withoutEscapingSlashes]),
        ]
        var lines = ["  plan encoding (JSONEncoder, encode only, no disk):"]
        for (label, formatting) in variants {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            let start = ContinuousClock.now
            let size = (try? encoder.encode(plan).count) ?? -1
            let elapsed = durationSeconds(ContinuousClock.now - start)
            let padded = label.padding(toLength: 40, withPad: " ", startingAt: 0)
            lines.append("    " + padded + String(format: " %6.2f s  %6.1f MiB", elapsed, Double(size) / 1_048_576))
        }
        return lines
    }
}
