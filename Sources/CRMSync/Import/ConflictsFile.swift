import CRMModel
import Foundation
import Yams

/// A run's `conflicts.yaml`: one entry per row left alone as a conflict, with both sides, the
/// reasons and evidence, and a `decision:` line a person changes (by hand in git, or with
/// `crmkit review`). Only the decision lines are read back: the rows themselves are in the run's
/// plan, so an edit elsewhere in the file cannot change what is written.
public enum ConflictsFile {
    public static let format = "crmkit-import-conflicts/1"

    /// One entry as read back: the plan step it decides, and where its decision line is.
    public struct Entry: Sendable, Equatable {
        public var step: Int
        public var decision: ConflictDecision
        /// 1-based line of `decision:` (what `crmkit review` rewrites).
        public var line: Int
    }

    /// The steps of the plan a conflicts file decides: the rows left alone, decided or not.
    static func conflictSteps(_ plan: ImportPlan) -> [PlanStep] {
        plan.steps.filter { $0.conflict != nil && $0.source != nil }
    }

    /// The file's text for a run's plan, every decision `undecided` (or as `decisions` says).
    public static func render(
        plan: ImportPlan, run: String, decisions: [Int: ConflictDecision] = [:]
    ) -> String {
        var out = header(run: run)
        out += "format: \(format)\nrun: \(quoted(run))\nsource: \(quoted(plan.source.path))\n"
        out += "entity: \(plan.entity.rawValue)\nconflicts:\n"
        for step in conflictSteps(plan) {
            guard let conflict = step.conflict, let source = step.source else { continue }
            let file = URL(fileURLWithPath: source.file).lastPathComponent
            out += "  - step: \(step.id)\n"
            out += "    row: \(quoted("\(file):\(source.line)"))\n"
            let applied = step.decision.flatMap {
                try? ConflictDecision.parse($0, candidates: conflict.candidates).get()
            }
            out += "    decision: \(decisions[step.id] ?? applied ?? .undecided)\n"
            out += "    fields:\n"
            out += fields(conflict.row, indent: 6)
            out += "    candidates:\n"
            for candidate in conflict.candidates {
                let assessment = candidate.assessment
                out += "      - candidate: \(quoted(ConflictCandidateReference(candidate).description))\n"
                out += "        band: \(assessment.band.rawValue)\n"
                out += "        probability: \(String(format: "%.4f", assessment.probability))\n"
                out += list("reasons", assessment.reasons, indent: 8)
                out += list(
                    "evidence",
                    assessment.evidence.map { "\($0.field): \($0.level) \(String(format: "%+.2f", $0.weight))" },
                    indent: 8)
                out += "        fields:\n"
                out += fields(candidate.record, indent: 10)
            }
        }
        return out
    }

    static func header(run: String) -> String {
        """
        # The rows this import left alone: each matches a record (or an earlier row) by a match key,
        # while the evidence of its other fields says it may be someone else. Nothing was written
        # for them. Decide each one by changing its `decision:` line, then run
        #   crmkit runs resume \(run)
        # which applies the decided rows (and only those; undecided rows stay conflicts).
        # `crmkit review` on the run directory decides them in the browser and saves here.
        #
        # decision:
        #   undecided      leave the row alone: it stays a conflict
        #   create         the row is someone new: create a record from it
        #   update ID      the row is that candidate: write the row's values onto it
        #   update line N  the row is the earlier row on line N: write its values onto that record
        #   skip           leave the row alone for good (no longer reported as a conflict)
        #
        # Only `decision:` lines are read; the rows and candidates are shown for reading.

        """
    }

    static func fields(_ object: JSONObject, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        guard !object.isEmpty else { return pad + "{}\n" }
        return object.keys.sorted().map { key in
            "\(pad)\(key): \(JSONWriter.text(object[key] ?? .null))\n"
        }.joined()
    }

    static func list(_ name: String, _ items: [String], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        guard !items.isEmpty else { return "\(pad)\(name): []\n" }
        return "\(pad)\(name):\n" + items.map { "\(pad)  - \(quoted($0))\n" }.joined()
    }

    /// A JSON string is a YAML double-quoted scalar.
    static func quoted(_ text: String) -> String { JSONWriter.text(.string(text)) }

    /// Writes the file for a run that has conflicts, unless it exists: it holds decisions.
    static func writeIfAbsent(plan: ImportPlan, run: ImportRunDirectory) throws {
        guard !conflictSteps(plan).isEmpty, !FileManager.default.fileExists(atPath: run.conflictDecisionsURL.path)
        else { return }
        try Data(render(plan: plan, run: run.name).utf8).write(to: run.conflictDecisionsURL, options: .atomic)
    }

    /// The run's decisions, checked against its plan: every conflict of the plan has exactly one
    /// entry with a valid decision. Nil when the run has no conflicts file.
    public static func read(run: ImportRunDirectory, plan: ImportPlan) throws -> [Int: Entry]? {
        let url = run.conflictDecisionsURL
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ConflictsFileError(
                Diagnostic(file: url.path, "cannot read it (\(error.localizedDescription))", hint: "check the file"))
        }
        return try parse(text, file: url.path, plan: plan)
    }

    public static func parse(_ text: String, file: String, plan: ImportPlan) throws -> [Int: Entry] {
        let fail = { (node: Node?, field: String?, message: String, hint: String) in
            ConflictsFileError(
                Diagnostic(
                    file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column, field: field, message,
                    hint: hint))
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw fail(nil, nil, "the file is empty", restoreHint)
            }
            root = node
        } catch let error as ConflictsFileError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
        guard root["format"]?.string == format else {
            throw fail(root["format"] ?? root, "format", "this is not a conflicts file (\(format))", restoreHint)
        }
        guard let list = root["conflicts"]?.sequence else {
            throw fail(root["conflicts"] ?? root, "conflicts", "the list of conflicts is missing", restoreHint)
        }
        let steps = Dictionary(conflictSteps(plan).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Int: Entry] = [:]
        for item in list {
            guard let stepNode = item["step"], let number = stepNode.int else {
                throw fail(item["step"] ?? item, "step", "each entry needs its `step:` number", restoreHint)
            }
            guard let step = steps[number], let conflict = step.conflict else {
                throw fail(stepNode, "step", "step \(number) is not a conflict of this run", restoreHint)
            }
            guard entries[number] == nil else {
                throw fail(stepNode, "step", "step \(number) appears twice", "keep one entry per row")
            }
            guard let decisionNode = item["decision"], let text = decisionNode.string else {
                throw fail(
                    item["decision"] ?? stepNode, "decision",
                    "the entry of line \(step.source?.line ?? 0) "
                        + "has no `decision:`", "add `decision: undecided` (or another decision) to it")
            }
            switch ConflictDecision.parse(text, candidates: conflict.candidates) {
            case .success(let decision):
                entries[number] = Entry(step: number, decision: decision, line: decisionNode.mark?.line ?? 1)
            case .failure(let refusal):
                throw fail(decisionNode, "decision", refusal.message, "nothing was applied")
            }
        }
        if let missing = steps.keys.sorted().first(where: { entries[$0] == nil }) {
            let line = steps[missing]?.source?.line ?? 0
            throw fail(
                list.isEmpty ? root["conflicts"] : root, "conflicts",
                "the entry of step \(missing) (line \(line) of the source) is missing", restoreHint)
        }
        return entries
    }

    static let restoreHint =
        "restore the file as the run wrote it (git checkout, or delete it: the next `crmkit runs resume` "
        + "writes it again with the decisions already applied), then decide again; nothing was applied"

    static func syntaxError(_ error: YamlError, file: String) -> ConflictsFileError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConflictsFileError(
                Diagnostic(
                    file: file, line: mark.line, column: mark.column, "invalid YAML: \(problem)",
                    hint: "fix the syntax there; nothing was applied"))
        default:
            return ConflictsFileError(
                Diagnostic(file: file, "invalid YAML: \(error)", hint: "fix the syntax; nothing was applied"))
        }
    }

    /// The file with line `line` (1-based) set to `decision: VALUE`, its indentation kept: the
    /// one change a decision makes, so `git diff` shows only decisions.
    static func replacingDecision(in text: String, line: Int, with decision: ConflictDecision) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard line >= 1, line <= lines.count, let start = lines[line - 1].firstIndex(where: { $0 != " " }),
            lines[line - 1][start...].hasPrefix("decision:")
        else {
            throw ConflictsFileError(
                Diagnostic(
                    line: line, "the decision line moved", hint: "the file was edited meanwhile; restart the review"))
        }
        lines[line - 1] = String(lines[line - 1][..<start]) + "decision: \(decision)"
        return lines.joined(separator: "\n")
    }
}

/// A conflicts file that cannot be used, with where and what to do.
public struct ConflictsFileError: Error, DiagnosticConvertible, Sendable {
    public var diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
