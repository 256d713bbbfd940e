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
        public var survivor: String
        public var survivorRule: String
        public var members: [Member]
        /// Fields whose value on the survivor will change, with where each value came from.
        public var fields: [FieldOutcome]
        public var pairs: [Pair]
    }

    public struct Member: Sendable, Codable, Hashable {
        public var id: String
        public var name: String?
        public var emails: [String]
        public var phones: [String]
        public var updatedOn: String?
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
        /// One line per compared field (`email: exact +9.1`), then any review notes.
        public var reasons: [String]
    }
}
