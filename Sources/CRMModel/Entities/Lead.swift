/// A lead in the sales pipeline, before it is converted into an opportunity.
public struct Lead: PipelineRecord {
    public static let kind = EntityKind.lead
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public var isArchived: Bool? {
        get { field("isArchived") }
        set { setField("isArchived", newValue) }
    }
    public var isConverted: Bool? {
        get { field("isConverted") }
        set { setField("isConverted", newValue) }
    }
    public var convertedOpportunityId: OpportunityID? {
        get { field("convertedOpportunityId") }
        set { setField("convertedOpportunityId", newValue) }
    }
}
