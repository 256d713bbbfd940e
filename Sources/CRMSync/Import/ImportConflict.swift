import CRMDedupe
import CRMModel

/// A row that matches existing records (or earlier rows of the same file) by a match key while
/// the evidence of its other fields says it may be someone else: both sides and the reasons,
/// kept in the plan so a reviewer can decide and `--on-conflict` can be chosen knowingly.
public struct ImportConflict: Codable, Sendable, Hashable {
    /// One record the row was matched to, and how the identity model judged the pair.
    public struct Candidate: Codable, Sendable, Hashable {
        /// The CRM record's id; nil for an earlier row of the file (see `step`).
        public var id: String?
        /// The plan step of an earlier row this row repeats by key.
        public var step: Int?
        /// That row's line in the source file.
        public var line: Int?
        /// The fields a reviewer decides by, as the CRM holds them (or as the earlier row will write them).
        public var record: JSONObject
        public var assessment: IdentityAssessment

        public init(id: String?, step: Int?, line: Int?, record: JSONObject, assessment: IdentityAssessment) {
            self.id = id
            self.step = step
            self.line = line
            self.record = record
            self.assessment = assessment
        }
    }

    /// The row's fields as mapped: what would be written for it.
    public var row: JSONObject
    public var candidates: [Candidate]

    public init(row: JSONObject, candidates: [Candidate]) {
        self.row = row
        self.candidates = candidates
    }

    /// One line for people: who the row was matched to and why it was left alone.
    public var summary: String {
        candidates.map { candidate in
            let who = candidate.id.map { "record \($0)" } ?? "line \(candidate.line ?? 0)"
            let name = candidate.record["name"]?.stringValue.map { " (\($0))" } ?? ""
            let why = candidate.assessment.reasons.first ?? candidate.assessment.band.rawValue
            return "\(who)\(name): \(why)"
        }.joined(separator: "; ")
    }
}
