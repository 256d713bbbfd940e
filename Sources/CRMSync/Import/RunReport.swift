import CRMImport
import CRMModel
import Foundation

/// The result files of a run, rebuilt from the plan and the journal after every apply, resume,
/// retry or rollback, so they always say what the journal says: `success.csv` (each row with the
/// CRM id it became and what was done) and `errors.csv` (each row not applied, and why —
/// rejected by validation, failed, or not reached yet), and for a run with conflicts
/// `conflicts.csv` (the rows still left alone) and `conflicts.yaml` (where they are decided; written
/// once, then only ever changed by the person deciding).
struct RunReport {
    let plan: ImportPlan
    let state: RunState
    let run: ImportRunDirectory

    func write() throws {
        var success = CSVText(header: ["line", "action", "entity", "crm_id", "note"] + plan.columns)
        var errors = CSVText(header: ["line", "reason"] + plan.columns)
        var conflicts = CSVText(header: ["line", "matched", "reasons"] + plan.columns)
        for rejected in plan.rejected {
            errors.add(
                [String(rejected.source.line), rejected.reasons.joined(separator: "; ")] + values(rejected.source))
        }
        // Rows imported with a value altered or dropped: the rest of the row arrived.
        for row in plan.altered ?? [] {
            errors.add(
                [String(row.source.line), "imported, but " + row.reasons.joined(separator: "; ")] + values(row.source))
        }
        for step in plan.steps {
            let line = step.source.map { String($0.line) } ?? ""
            let row = step.source.map(values) ?? plan.columns.map { _ in "" }
            let what =
                step.action == .createTag ? "tag '\(step.body?["label"]?.stringValue ?? "")'" : step.entity.rawValue
            if let conflict = step.conflict, step.action == .conflict {
                let matched = conflict.candidates.map {
                    $0.id.map { "\(step.entity.rawValue) \($0)" } ?? "line \($0.line ?? 0)"
                }
                let reasons = conflict.candidates.flatMap(\.assessment.reasons)
                conflicts.add([line, matched.joined(separator: "; "), reasons.joined(separator: "; ")] + row)
                continue
            }
            switch state.state(step.id) {
            case .done(let id, _, let event):
                let note = [step.note, Self.describe(event, step), state.rollback[step.id].map(Self.describe)]
                    .compactMap { $0 }.joined(separator: "; ")
                success.add([line, step.action.rawValue, what, id ?? "", note] + row)
            case .failed(let reason):
                errors.add([line, "\(step.action.rawValue) \(what) failed: \(reason)"] + row)
            case .started:
                errors.add(
                    [
                        line,
                        "\(step.action.rawValue) \(what): sent, answer not "
                            + "received (run `crmkit runs resume \(run.name)`)",
                    ] + row)
            case .notStarted:
                errors.add(
                    [line, "\(step.action.rawValue) \(what): not applied yet (run `crmkit runs resume \(run.name)`)"]
                        + row)
            }
        }
        try success.write(to: run.successURL)
        try errors.write(to: run.errorsURL)
        if plan.steps.contains(where: { $0.conflict != nil }) {
            try conflicts.write(to: run.conflictsURL)
            try ConflictsFile.writeIfAbsent(plan: plan, run: run)
        }
    }

    static func describe(_ event: RunJournal.Event, _ step: PlanStep) -> String? {
        switch event {
        case .found: "already existed"
        case .merged: "merged \((step.mergeSources ?? []).map(\.id).joined(separator: ", ")) into it"
        default: nil
        }
    }

    /// What a rollback did to the step's record.
    static func describe(_ rollback: RunJournal.Entry) -> String {
        switch rollback.event {
        case .deleted: "rolled back: deleted"
        case .restored: "rolled back: values restored"
        default: "not rolled back: \(rollback.reason ?? "left alone")"
        }
    }

    func values(_ source: StepSource) -> [String] {
        var byName: [String: String] = [:]
        for pair in source.fields where pair.count == 2 && byName[pair[0]] == nil { byName[pair[0]] = pair[1] }
        return plan.columns.map { byName[$0] ?? "" }
    }

    static func summary(plan: ImportPlan, state: RunState, run: ImportRunDirectory) -> RunSummary {
        let done = plan.steps.filter { if case .done = state.state($0.id) { true } else { false } }.count
        let failed = plan.steps.filter { if case .failed = state.state($0.id) { true } else { false } }.count
        let computed =
            !state.rollback.isEmpty
            ? "rolledBack"
            : done == plan.steps.count ? "complete" : (done + failed == plan.steps.count ? "failures" : "incomplete")
        let previous = run.loadSummary()
        return RunSummary(
            run: run.name, createdAt: previous?.createdAt ?? RunClock.now(), updatedAt: RunClock.now(),
            source: plan.source.path, mapping: plan.mapping.path, entity: plan.entity, target: plan.target,
            steps: plan.steps.count, done: done, failed: failed, rejected: plan.rejected.count,
            conflicts: plan.conflicts.count, status: computed)
    }
}

/// A CSV file built in memory row by row (RFC 4180 quoting), written at once.
struct CSVText {
    private var text = ""

    init(header: [String]) { add(header) }

    mutating func add(_ row: [String]) {
        text += row.map(RejectsFile.quoted).joined(separator: ",")
        text += "\r\n"
    }

    func write(to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
