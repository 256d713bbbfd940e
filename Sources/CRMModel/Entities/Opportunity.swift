/// An opportunity: a deal moving through the stages of a pipeline until won or lost.
public struct Opportunity: PipelineRecord {
    public static let kind = EntityKind.opportunity
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    /// The stage key (a stage id of the opportunity's pipeline).
    public var stage: StageID? {
        get { field("stage") }
        set { setField("stage", newValue) }
    }
    public var pipelineId: PipelineID? {
        get { field("pipelineId") }
        set { setField("pipelineId", newValue) }
    }
    /// The create example sends `organization: {id, name}` instead of `organizationId`.
    public var organization: OrganizationRef? {
        get { field("organization") }
        set { setField("organization", newValue) }
    }
    public var status: OpportunityStatus? {
        get { field("status") }
        set { setField("status", newValue) }
    }
    public var lostReason: LostReason? {
        get { field("lostReason") }
        set { setField("lostReason", newValue) }
    }
}

/// Where an opportunity stands: open until it is won or lost.
public enum OpportunityStatus: String, Codable, Sendable, CaseIterable, JSONConvertible {
    case open, won, lost

    public init?(json: JSONValue) {
        guard let raw = json.stringValue, let status = OpportunityStatus(rawValue: raw.lowercased()) else { return nil }
        self = status
    }
    public var json: JSONValue { .string(rawValue) }
}

/// Why an opportunity was lost: a reason id (e.g. "too_expensive") and a free comment.
public struct LostReason: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(reasonId: String, comment: String? = nil) {
        self.fields = [:]
        self.reasonId = reasonId
        self.comment = comment
    }

    public var reasonId: String? {
        get { field("reasonId") }
        set { setField("reasonId", newValue) }
    }
    public var comment: String? {
        get { field("comment") }
        set { setField("comment", newValue) }
    }
}
