import CRMSync
import Foundation
import Synchronization

/// How long `JSONEncoder` takes (wall and this process's CPU) over a plan with and without the pretty
/// printing and key sorting `PlanFile.write` asks for, and how big each result is: saving plan.json is on
/// the critical path of every import (the apply may not start before the plan is on disk), so this says
/// what a cheaper plan format would save.
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
            let cpu = CPUTime.ofSelf()
            let start = ContinuousClock.now
            let size = (try? encoder.encode(plan).count) ?? -1
            let elapsed = durationSeconds(ContinuousClock.now - start)
            let padded = label.padding(toLength: 44, withPad: " ", startingAt: 0)
            lines.append(
                "    " + padded
                    + String(
                        format: " %6.2f s wall, %6.2f s CPU  %6.1f MiB", elapsed, (CPUTime.ofSelf() - cpu).total,
                        Double(size) / 1_048_576))
        }
        lines.append(parallelSteps(plan.steps))
        return lines
    }

    /// The steps alone, compact, in one chunk per core encoded at the same time: what encoding
    /// plan.json in parallel (e.g. one JSON line per step) would cost.
    static func parallelSteps(_ steps: [PlanStep]) -> String {
        let chunks = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = (steps.count + chunks - 1) / chunks
        let bytes = ChunkSizes(count: chunks)
        let cpu = CPUTime.ofSelf()
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let slice = Array(steps[min(steps.count, index * size)..<min(steps.count, (index + 1) * size)])
            bytes.set(index, (try? encoder.encode(slice).count) ?? 0)
        }
        let elapsed = durationSeconds(ContinuousClock.now - start)
        let label = "steps only, compact, \(chunks) chunks in parallel".padding(
            toLength: 44, withPad: " ", startingAt: 0)
        return "    " + label
            + String(
                format: " %6.2f s wall, %6.2f s CPU  %6.1f MiB", elapsed, (CPUTime.ofSelf() - cpu).total,
                Double(bytes.total) / 1_048_576)
    }
}

/// Encoded sizes written from concurrent chunks.
private final class ChunkSizes: Sendable {
    private let sizes: Mutex<[Int]>
    init(count: Int) { sizes = Mutex(Array(repeating: 0, count: count)) }
    func set(_ index: Int, _ size: Int) { sizes.withLock { $0[index] = size } }
    var total: Int { sizes.withLock { $0.reduce(0, +) } }
}
