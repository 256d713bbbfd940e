/// `POST …/bulk-actions`: `{"entity": "contact", "action": "delete", "ids": […]}`.
public struct BulkAction: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(entity: EntityKind, action: String = "delete", ids: [String]) {
        self.fields = [:]
        self.entity = entity
        self.action = action
        self.ids = ids
    }

    public var entity: EntityKind? {
        get { field("entity") }
        set { setField("entity", newValue) }
    }
    public var action: String? {
        get { field("action") }
        set { setField("action", newValue) }
    }
    public var ids: [String]? {
        get { field("ids") }
        set { setField("ids", newValue) }
    }
}

/// What a bulk delete did: which ids were deleted and which did not exist (api-notes #9).
public struct BulkActionResult: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public var entity: EntityKind? {
        get { field("entity") }
        set { setField("entity", newValue) }
    }
    public var action: String? {
        get { field("action") }
        set { setField("action", newValue) }
    }
    public var deleted: [String]? {
        get { field("deleted") }
        set { setField("deleted", newValue) }
    }
    public var notFound: [String]? {
        get { field("notFound") }
        set { setField("notFound", newValue) }
    }
}

/// `POST …/{id}/merge`: the records to fold into the target.
public struct MergeRequest: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(sourceIds: [String], lastUpdatedBy: User? = nil) {
        self.fields = [:]
        self.sourceIds = sourceIds
        self.lastUpdatedBy = lastUpdatedBy
    }

    /// `"sourceId"` on the wire (singular name, array value).
    public var sourceIds: [String]? {
        get { field("sourceId") }
        set { setField("sourceId", newValue) }
    }
    public var lastUpdatedBy: User? {
        get { field("lastUpdatedBy") }
        set { setField("lastUpdatedBy", newValue) }
    }
}

/// `PATCH …/opportunities/{id}/updateStatus`.
public struct OpportunityStatusUpdate: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(status: OpportunityStatus, lostReason: LostReason? = nil, lastUpdatedBy: User? = nil) {
        self.fields = [:]
        self.status = status
        self.lostReason = lostReason
        self.lastUpdatedBy = lastUpdatedBy
    }

    public var status: OpportunityStatus? {
        get { field("status") }
        set { setField("status", newValue) }
    }
    public var lostReason: LostReason? {
        get { field("lostReason") }
        set { setField("lostReason", newValue) }
    }
    public var lastUpdatedBy: User? {
        get { field("lastUpdatedBy") }
        set { setField("lastUpdatedBy", newValue) }
    }
}

/// `PATCH …/opportunities/{id}/updateStage`: the stage key to move to.
public struct OpportunityStageUpdate: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(stage: StageID, lastUpdatedBy: User? = nil) {
        self.fields = [:]
        self.stage = stage
        self.lastUpdatedBy = lastUpdatedBy
    }

    public var stage: StageID? {
        get { field("stage") }
        set { setField("stage", newValue) }
    }
    public var lastUpdatedBy: User? {
        get { field("lastUpdatedBy") }
        set { setField("lastUpdatedBy", newValue) }
    }
}
