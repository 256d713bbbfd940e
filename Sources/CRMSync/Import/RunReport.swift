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
        let entries = ReportEntry.all(of: plan)
        let wanted = entries.compactMap { $0.readsSource ? $0.record : nil }.uniquedSorted()
        // Before any file is touched: a changed source leaves the result files as they were.
        if !wanted.isEmpty { try PlanSourceRows.verify(plan) }
        var success = try CSVFile(
            url: run.successURL, header: ["line", "action", "entity", "crm_id", "note"] + plan.columns)
        var errors = try CSVFile(url: run.errorsURL, header: ["line", "reason"] + plan.columns)
        let hasConflicts = plan.steps.contains { $0.conflict != nil }
        var conflicts = try CSVFile(
            url: hasConflicts ? run.conflictsURL : nil, header: ["line", "matched", "reasons"] + plan.columns)
        func emit(_ entry: ReportEntry, _ read: [(name: String, value: String)]) throws {
            switch entry.kind {
            case .rejected:
                let rejected = plan.rejected[entry.index]
                try errors.add(
                    [String(rejected.source.line), rejected.reasons.joined(separator: "; ")]
                        + values(rejected.source, read))
            case .altered:
                // Rows imported with a value altered or dropped: the rest of the row arrived.
                guard let row = plan.altered?[entry.index] else { return }
                try errors.add(
                    [String(row.source.line), "imported, but " + row.reasons.joined(separator: "; ")]
                        + values(row.source, read))
            case .step:
                try add(plan.steps[entry.index], read, success: &success, errors: &errors, conflicts: &conflicts)
            }
        }
        // Entries whose row is written as the plan holds it come first (rows of another CRM,
        // records created because rows refer to them); then the file's rows in file order, read
        // from it in one pass.
        var position = 0
        while position < entries.count, entries[position].record == nil {
            try emit(entries[position], [])
            position += 1
        }
        if !wanted.isEmpty {
            try PlanSourceRows.read(plan, wanted: wanted) { record, fields in
                while position < entries.count, let at = entries[position].record, at <= record {
                    try emit(entries[position], at == record ? fields : [])
                    position += 1
                }
            }
        }
        while position < entries.count {
            try emit(entries[position], [])
            position += 1
        }
        try success.finish()
        try errors.finish()
        try conflicts.finish()
        if hasConflicts { try ConflictsFile.writeIfAbsent(plan: plan, run: run) }
    }

    /// A step's line in success.csv, errors.csv or conflicts.csv.
    private func add(
        _ step: PlanStep, _ read: [(name: String, value: String)], success: inout CSVFile, errors: inout CSVFile,
        conflicts: inout CSVFile
    ) throws {
        let line = step.source.map { String($0.line) } ?? ""
        let row = step.source.map { values($0, read) } ?? plan.columns.map { _ in "" }
        let what = step.action == .createTag ? "tag '\(step.body?["label"]?.stringValue ?? "")'" : step.entity.rawValue
        if let conflict = step.conflict, step.action == .conflict {
            let matched = conflict.candidates.map {
                $0.id.map { "\(step.entity.rawValue) \($0)" } ?? "line \($0.line ?? 0)"
            }
            let reasons = conflict.candidates.flatMap(\.assessment.reasons)
            try conflicts.add([line, matched.joined(separator: "; "), reasons.joined(separator: "; ")] + row)
            return
        }
        switch state.state(step.id) {
        case .done(let id, _, let event):
            let note = [step.note, Self.describe(event, step), state.rollback[step.id].map(Self.describe)]
                .compactMap { $0 }.joined(separator: "; ")
            try success.add([line, step.action.rawValue, what, id ?? "", note] + row)
        case .failed(let reason):
            try errors.add([line, "\(step.action.rawValue) \(what) failed: \(reason)"] + row)
        case .started:
            try errors.add(
                [
                    line,
                    "\(step.action.rawValue) \(what): sent, answer not "
                        + "received (run `crmkit runs resume \(run.name)`)",
                ] + row)
        case .notStarted:
            try errors.add(
                [line, "\(step.action.rawValue) \(what): not applied yet (run `crmkit runs resume \(run.name)`)"]
                    + row)
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

    /// The row's values in the order of `plan.columns`: as the plan holds them, or as read back
    /// from the source (`read`).
    func values(_ source: StepSource, _ read: [(name: String, value: String)]) -> [String] {
        var byName: [String: String] = [:]
        if let fields = source.fields {
            for pair in fields where pair.count == 2 && byName[pair[0]] == nil { byName[pair[0]] = pair[1] }
        } else {
            for field in read where byName[field.name] == nil { byName[field.name] = field.value }
        }
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

/// What the result files list, one entry per row shown (a rejected row, an altered row, a step),
/// sorted into the order they are written: entries without a row to read from the source first,
/// in the plan's order, then by record number in the source (rejected, altered, step at one
/// record). Small, so that a million of them cost little.
struct ReportEntry {
    enum Kind: UInt8 {
        case rejected, altered, step
    }

    var kind: Kind
    var index: Int
    /// The record number of a row of the plan's source; nil for rows the plan holds without
    /// one and for steps without a row.
    var record: Int?
    /// Whether the row is read from the source (the plan holds no fields for it).
    var readsSource: Bool

    init(kind: Kind, index: Int, source: StepSource?) {
        self.kind = kind
        self.index = index
        self.record = source?.record
        self.readsSource = source != nil && source?.fields == nil
    }

    static func all(of plan: ImportPlan) -> [ReportEntry] {
        var entries: [ReportEntry] = []
        entries.reserveCapacity(plan.rejected.count + (plan.altered?.count ?? 0) + plan.steps.count)
        for (index, rejected) in plan.rejected.enumerated() {
            entries.append(ReportEntry(kind: .rejected, index: index, source: rejected.source))
        }
        for (index, altered) in (plan.altered ?? []).enumerated() {
            entries.append(ReportEntry(kind: .altered, index: index, source: altered.source))
        }
        for (index, step) in plan.steps.enumerated() {
            entries.append(ReportEntry(kind: .step, index: index, source: step.source))
        }
        // In place, by a key that is unique per entry: entries without a record keep the plan's
        // order (kind, then position), the others go by record.
        entries.sort { a, b in
            (a.record == nil ? 0 : 1, a.record ?? 0, a.kind.rawValue, a.index)
                < (b.record == nil ? 0 : 1, b.record ?? 0, b.kind.rawValue, b.index)
        }
        return entries
    }
}

/// A CSV file written row by row (RFC 4180 quoting) through a buffer into a temporary file,
/// renamed into place when finished: a million rows never sit in memory, and the file is never
/// half-written. Without a URL it writes nothing.
struct CSVFile {
    private let url: URL?
    private let temporary: URL?
    private var handle: FileHandle?
    private var buffer: [UInt8] = []

    init(url: URL?, header: [String]) throws {
        self.url = url
        guard let url else {
            temporary = nil
            return
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).tmp")
        self.temporary = temporary
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw RunError("cannot write \(url.path): \(url.deletingLastPathComponent().path) is not writable")
        }
        handle = try FileHandle(forWritingTo: temporary)
        buffer.reserveCapacity(1 << 20)
        try add(header)
    }

    mutating func add(_ row: [String]) throws {
        guard handle != nil else { return }
        for (index, field) in row.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: RejectsFile.quoted(field).utf8)
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        if buffer.count >= 1 << 20 { try flush() }
    }

    private mutating func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() throws {
        guard let handle, let url, let temporary else { return }
        try flush()
        try handle.close()
        self.handle = nil
        guard rename(temporary.path, url.path) == 0 else {
            throw RunError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}

extension Array where Element == Int {
    /// The values ascending, each once.
    func uniquedSorted() -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for value in sorted() where result.last != value { result.append(value) }
        return result
    }
}
