import CRMDedupe
import CRMModel

/// A reviewable merge plan (`merges.yaml`): the groups of records judged to be one entity, which
/// record survives, what each field becomes and why the records were matched. People edit it
/// (drop a group, change the survivor) before `crmkit dedupe apply`, so everything in it is
/// named by CRM id and readable without the engine.
public struct MergePlan: Sendable, Codable, Hashable {
    public var version: Int = 1
    public var entity: String
    public var records: Int
    public var threshold: Double
    public var groups: [Group]

    public struct Group: Sendable, Codable, Hashable {
        /// 1-based, stable within the file (for reference in review comments).
        public var group: Int
        /// `link`: every pair is the same entity by the evidence, merged by `dedupe apply`.
        /// `review`: the evidence is mixed; `dedupe apply` skips the group unless a reviewer
        /// changes this to `link`. `rejected`: a reviewer judged the records distinct; skipped,
        /// but kept in the file so the decision shows in review and in `git diff`.
        /// Absent in older plans, which meant `link`.
        public var band: String?
        public var survivor: String
        public var survivorRule: String
        public var members: [Member]
        /// Fields whose value on the survivor will change, with where each value came from.
        public var fields: [FieldOutcome]
        public var pairs: [Pair]
        /// True once a person accepted or rejected the group (`crmkit review`), so a review can
        /// tell what is left; absent until then. `dedupe apply` goes by `band` alone.
        public var reviewed: Bool? = nil
    }

    /// What a reviewer decides by, side by side for every member.
    public struct Member: Sendable, Codable, Hashable {
        public var id: String
        public var name: String?
        public var emails: [String]
        public var phones: [String]
        public var updatedOn: String?
        public var organization: String?
        public var jobTitle: String?
        public var address: String?
        public var createdOn: String?
    }

    public struct FieldOutcome: Sendable, Codable, Hashable {
        public var field: String
        public var rule: String
        public var values: [String]
        /// The id of the record each value came from, in `values` order.
        public var from: [String]
    }

    public struct Pair: Sendable, Codable, Hashable {
        public var records: [String]
        public var probability: Double
        public var weight: Double
        public var decision: String
        /// Fields that agree, one line each with their weight in bits (`email: same address +9.97`).
        public var evidenceFor: [String]?
        /// Fields that disagree (`phone: different -3.60`).
        public var evidenceAgainst: [String]?
        /// Conflicts, shared addresses and other notes in words.
        public var reasons: [String]
    }

    /// The values `band` may take.
    public static let bands = ["link", "review", "rejected"]

    /// Groups `dedupe apply` merges: those in the link band (and those a reviewer moved there).
    public var groupsToMerge: [Group] { groups.filter { ($0.band ?? "link") == "link" } }
}
