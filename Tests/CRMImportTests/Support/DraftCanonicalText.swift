import CRMModel
@testable import CRMImport

/// Drafts and validation outcomes written out completely and in one fixed order (object keys
/// sorted), so that two ways of mapping and validating can be compared for exactly the same
/// result, and the result can be pinned as a readable file (`PinnedText`).
enum DraftCanonicalText {
    static func json(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return "i\(number)"
        case .double(let number): return "d\(number)"
        case .string(let text): return "\"" + text.debugDescription + "\""
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .object(let object): return self.object(object)
        }
    }

    static func object(_ object: JSONObject) -> String {
        "{" + object.keys.sorted().map { "\($0.debugDescription):\(json(object[$0] ?? .null))" }.joined(separator: ",")
            + "}"
    }

    static func problem(_ problem: RecordProblem) -> String {
        // Spelt out rather than `description`, so that the pinned texts follow the problems, not how
        // they are printed.
        "\(problem.provenance.file):\(problem.provenance.line): \(problem.field): \(problem.shownValue): "
            + "\(problem.reason.rawValue): \(problem.message)" + (problem.hint.map { " (hint: \($0))" } ?? "")
            + " | hint: \(problem.hint ?? "-")"
    }

    static func reference(_ reference: DraftReference) -> String {
        "\(reference.kind.rawValue) \(reference.field)=\(reference.value.debugDescription) "
            + "create=\(reference.createIfMissing) pipeline=\(reference.pipeline ?? "-")"
    }

    static func draft(_ draft: Draft) -> String {
        var lines = [
            "draft \(draft.entity.rawValue) "
                + "\(draft.provenance.file):\(draft.provenance.line)#\(draft.provenance.record)"
        ]
        lines.append("  fields " + object(draft.fields))
        lines.append(
            "  custom "
                + draft.customFields.map { "\($0.key.debugDescription)=\(json($0.value))" }.joined(separator: ","))
        lines.append("  extras " + object(draft.extras))
        lines += draft.references.map { "  ref " + reference($0) }
        lines += draft.matchKeys.map { "  key \($0.targets) \($0.values)" }
        lines += draft.problems.map { "  problem " + problem($0) }
        return lines.joined(separator: "\n")
    }

    static func validated(_ result: ValidatedDraft) -> String {
        var lines = [draft(result.draft), "  body " + object(result.body), "  valid \(result.isValid)"]
        lines += result.problems.map { "  checked " + problem($0) }
        lines += result.pendingReferences.map { "  pending " + reference($0) }
        return lines.joined(separator: "\n")
    }

    /// What validation decides, without the draft: the body, the problems, what is left to look up.
    static func outcome(_ result: ValidatedDraft) -> String {
        var lines = ["outcome \(result.draft.provenance.line) body " + object(result.body)]
        lines += result.problems.map { "  checked " + problem($0) }
        lines += result.pendingReferences.map { "  pending " + reference($0) }
        return lines.joined(separator: "\n")
    }
}
