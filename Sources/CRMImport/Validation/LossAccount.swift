import CRMModel

/// An account of every record and value a run read: how many records, how many were rejected
/// or could not be read, and every value a reader altered (a repaired row, a replaced byte) or
/// the mapping dropped (`onInvalid`), each with its file, line and field. A migration must not
/// lose anything without saying so: the account decides the exit code (`isLossy`, `isEmpty`)
/// and is printed at the end of `crmkit validate` and `crmkit import`.
public struct LossAccount: Sendable, Codable {
    /// Records the reader produced.
    public var recordsRead = 0
    /// Records the mapping or the forms refused.
    public var rejected = 0
    /// Rows or records the reader could not read (its problems of severity `error`).
    public var rowsUnread = 0
    /// Values the reader altered or dropped (its problems of severity `warning`).
    public var valuesAltered = 0
    /// Values the mapping dropped from records it kept.
    public var valuesDropped = 0
    /// The first `listLimit` of the values altered or dropped, as `file:line: …` lines.
    public var listed: [String] = []
    /// How many lines `listed` keeps.
    public var listLimit = 50

    public init() {}

    /// Something was altered or dropped: the run fails unless the user accepts it.
    public var isLossy: Bool { valuesAltered + valuesDropped > 0 }

    /// Nothing at all was read: an error, as the file or the mapping is surely not what was meant.
    public var isEmpty: Bool { recordsRead == 0 && rowsUnread == 0 }

    /// Counts a problem of the reader.
    public mutating func add(_ issue: ReadIssue) {
        switch issue.kind {
        case .rejected: rowsUnread += 1
        case .altered, .dropped:
            valuesAltered += 1
            list(issue.description)
        case .notice: break
        }
    }

    /// Counts a record as read, and as rejected or with the values the mapping dropped from it.
    public mutating func add(_ validated: ValidatedDraft) {
        recordsRead += 1
        if validated.isValid { addDropped(validated.draft.dropped) } else { rejected += 1 }
    }

    /// Counts the values the mapping dropped from one record it kept.
    public mutating func addDropped(_ dropped: [RecordProblem]) {
        addDropped(dropped, total: dropped.count)
    }

    /// Counts `total` dropped values of which `dropped` are known (a report keeps only the first).
    mutating func addDropped(_ dropped: [RecordProblem], total: Int) {
        valuesDropped += total
        for problem in dropped { list(problem.droppedDiagnostic.description) }
    }

    private mutating func list(_ line: String) {
        if listed.count < listLimit { listed.append(line) }
    }

    /// The summary for people: what was read, rejected, altered and dropped, the first of the
    /// values listed, and what to do. `accepted`: the user accepted altered and dropped values.
    public func summary(accepted: Bool, listing: Int = 10) -> [String] {
        var lines: [String] = []
        lines.append(
            "account: \(recordsRead) records read, \(rejected) rejected"
                + (rowsUnread > 0 ? ", \(rowsUnread) rows unreadable" : "")
                + ", \(valuesAltered + valuesDropped) values altered or dropped"
                + " (\(valuesAltered) by the reader, \(valuesDropped) by the mapping)")
        if isEmpty {
            lines.append(
                "  error: no record was read; check the file's format, the mapping's source settings "
                    + "(format, recordPath, header) and that the file holds records of the mapping's entity"
            )
            return lines
        }
        guard isLossy else { return lines }
        let shown = listed.prefix(listing)
        for line in shown { lines.append("  \(line)") }
        let total = valuesAltered + valuesDropped
        if total > shown.count {
            lines.append("  … and \(total - shown.count) more (all are listed in the errors file, --errors-out)")
        }
        if accepted {
            lines.append("  accepted: altered and dropped values do not fail this run")
        } else {
            lines.append(
                "  error: values were altered or dropped; fix the source "
                    + "or the mapping (onInvalid, see docs/mapping.md), "
                    + "or accept them with --accept-lossy or `acceptLossy: true` under the mapping's defaults")
        }
        return lines
    }

    /// Whether the run must stop before anything is written: nothing read, or values altered
    /// or dropped that were not accepted. (Rejected rows are the import's own concern: the
    /// rest is imported and the rows are listed.)
    public func blocksImport(accepted: Bool) -> Bool {
        isEmpty || (isLossy && !accepted)
    }

    /// Whether the run must fail (exit 65) on this account: nothing read, records rejected or
    /// unreadable, or values altered or dropped that were not accepted.
    public func fails(accepted: Bool) -> Bool {
        isEmpty || rejected > 0 || rowsUnread > 0 || (isLossy && !accepted)
    }
}
