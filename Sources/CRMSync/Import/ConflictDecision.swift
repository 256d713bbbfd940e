/// What a person decided about one row an import left alone as a conflict, as written after
/// `decision:` in the run's `conflicts.yaml`. Kept as text a person can type by hand.
public enum ConflictDecision: Sendable, Hashable, CustomStringConvertible {
    /// Nobody has decided yet: the row stays a conflict.
    case undecided
    /// The row is someone new: create a record from it.
    case create
    /// The row is this candidate: write its values onto it.
    case update(ConflictCandidateReference)
    /// The row stays alone for good: no longer counted as a conflict.
    case skip

    public var description: String {
        switch self {
        case .undecided: "undecided"
        case .create: "create"
        case .update(let candidate): "update \(candidate)"
        case .skip: "skip"
        }
    }

    public var isDecided: Bool { self != .undecided }

    /// What a reader may write, for messages.
    static let allowed = "undecided, create, update CANDIDATE (a candidate's id, or `line N`), skip"

    /// Reads `text` against the conflict's candidates; nil with the reason when it is not one of
    /// the allowed values. A bare `update` means the only candidate when there is one.
    static func parse(_ text: String, candidates: [ImportConflict.Candidate]) -> Result<ConflictDecision, Refusal> {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        switch words.first {
        case "undecided" where words.count == 1: return .success(.undecided)
        case "create" where words.count == 1: return .success(.create)
        case "skip" where words.count == 1: return .success(.skip)
        case "update":
            let references = candidates.map(ConflictCandidateReference.init)
            if words.count == 1 {
                guard references.count == 1 else {
                    return .failure(
                        Refusal("`update` needs the candidate to update: one of \(Self.listed(references))"))
                }
                return .success(.update(references[0]))
            }
            let named = words.dropFirst().joined(separator: " ")
            guard let reference = references.first(where: { $0.description == named }) else {
                return .failure(
                    Refusal("'\(named)' is not a candidate of this row; use one of \(Self.listed(references))"))
            }
            return .success(.update(reference))
        default:
            return .failure(Refusal("'\(text)' is not a decision; write one of \(allowed)"))
        }
    }

    static func listed(_ references: [ConflictCandidateReference]) -> String {
        references.map { "`update \($0)`" }.joined(separator: ", ")
    }

    struct Refusal: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}

/// A candidate of a conflict as a decision names it: a CRM record by id, or an earlier row of
/// the same file by its line (`line 12`), which the run creates or updates itself.
public enum ConflictCandidateReference: Sendable, Hashable, CustomStringConvertible {
    case record(String)
    case line(Int, step: Int)

    init(_ candidate: ImportConflict.Candidate) {
        if let id = candidate.id {
            self = .record(id)
        } else {
            self = .line(candidate.line ?? 0, step: candidate.step ?? -1)
        }
    }

    public var description: String {
        switch self {
        case .record(let id): id
        case .line(let line, _): "line \(line)"
        }
    }
}
