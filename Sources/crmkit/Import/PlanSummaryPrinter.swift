import CRMModel
import CRMSync
import Foundation

/// What a plan would do, for people (counts per action and entity, then a sample of the field
/// changes) or as one JSON document (`--json`).
struct PlanSummaryPrinter {
    let output: Output
    /// How many field changes to show.
    var sample = 10

    func print(_ plan: ImportPlan, rows: Int) {
        guard !output.json else { return }  // part of the command's one JSON document
        output.line(
            output.bold("Plan: \(plan.source.path) (\(rows) records) → \(plan.entity.plural) at \(plan.target)"))
        if plan.steps.isEmpty && plan.rejected.isEmpty { output.line("  nothing to do") }
        for count in plan.counts {
            let what = count.action == .createTag ? "\(count.entity.rawValue) tag" : count.entity.rawValue
            output.line(
                "  \(Self.symbol(count.action)) "
                    + "\(count.action.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                    + "\(String(count.count).leftPadded(6)) \(what)"
            )
        }
        let conflicts = plan.conflicts
        if !conflicts.isEmpty {
            output.line(
                "  Conflicts: \(conflicts.count) rows match a record by key but their other fields "
                    + "say it is someone else; nothing is written for them (the run's conflicts.csv "
                    + "lists both sides; --on-conflict create|update decides them all):"
            )
            for step in conflicts.prefix(3) {
                output.line("      line \(step.source?.line ?? 0): \(step.conflict?.summary ?? "")")
            }
            if conflicts.count > 3 {
                output.line("      … and \(conflicts.count - 3) more (all in --plan-out plan.json)")
            }
        }
        if !plan.rejected.isEmpty {
            output.line(
                "  ! rejected  \(String(plan.rejected.count).leftPadded(6)) rows (not "
                    + "imported; listed with their reasons in the run's errors.csv)"
            )
            for rejected in plan.rejected.prefix(3) { output.line("      \(rejected.reasons.first ?? "")") }
        }
        for warning in plan.warnings ?? [] { output.line("  warning: \(warning)") }
        let changes = plan.steps.filter { $0.action == .update || $0.action == .merge }
        guard !changes.isEmpty else { return }
        output.line("Sample of changes:")
        for step in changes.prefix(sample) {
            let line = step.source.map { "line \($0.line)" } ?? "step \(step.id)"
            let target =
                step.target.map { "\(step.entity.rawValue) \($0)" }
                ?? "the \(step.entity.rawValue) of step \(step.targetStep ?? 0)"
            if step.action == .merge {
                output.line(
                    "  \(line): merge \(step.entity.rawValue) "
                        + "\((step.mergeSources ?? []).map(\.id).joined(separator: ", ")) into \(target)"
                )
            }
            for (field, value) in (step.body ?? [:]).sorted(by: { $0.key < $1.key }) {
                let before = step.expected?.values?[field].map(Self.short) ?? "(empty)"
                output.line("  \(line): ~ \(target): \(field): \(before) → \(Self.short(value))")
            }
        }
        if changes.count > sample {
            output.line("  … and \(changes.count - sample) more (write them all with --plan-out plan.json)")
        }
    }

    func json(_ plan: ImportPlan, rows: Int) -> PlanJSON {
        PlanJSON(
            source: plan.source.path, entity: plan.entity.rawValue, records: rows, rejected: plan.rejected.count,
            conflicts: plan.conflicts.count, warnings: plan.warnings ?? [],
            steps: plan.counts.map {
                PlanJSON.Count(action: $0.action.rawValue, entity: $0.entity.rawValue, count: $0.count)
            })
    }

    static func symbol(_ action: PlanStep.Action) -> String {
        switch action {
        case .create, .createTag: "+"
        case .update: "~"
        case .merge: "⇉"
        case .skip: "="
        case .conflict: "?"
        }
    }

    static func short(_ value: JSONValue) -> String {
        let text = value.stringValue.map { "\"\($0)\"" } ?? Output.encode(value, pretty: false)
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

/// The plan part of `crmkit import|apply|copy --json`: what the plan does, counted.
struct PlanJSON: Encodable {
    struct Count: Encodable {
        var action, entity: String
        var count: Int
    }
    var source, entity: String
    var records, rejected, conflicts: Int
    /// What the plan says about its match keys (`ImportPlan.warnings`).
    var warnings: [String]
    var steps: [Count]
}
