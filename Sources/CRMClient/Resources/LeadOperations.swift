import CRMModel

/// The optional body of `POST /pipeline/leads/{id}/convert`: where the new opportunity starts.
public struct LeadConversion: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(pipelineId: PipelineID? = nil, stage: StageID? = nil, lastUpdatedBy: User? = nil) {
        self.fields = [:]
        self.pipelineId = pipelineId
        self.stage = stage
        self.lastUpdatedBy = lastUpdatedBy
    }

    public var pipelineId: PipelineID? {
        get { field("pipelineId") }
        set { setField("pipelineId", newValue) }
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

extension Records where Record == Lead {
    /// Marks the lead archived (idempotent).
    public func archive(_ id: LeadID) async throws -> Lead {
        try await core.item(Lead.self, try recordEndpoint(.PATCH, id, suffix: "/archive"))
    }

    public func unarchive(_ id: LeadID) async throws -> Lead {
        try await core.item(Lead.self, try recordEndpoint(.PATCH, id, suffix: "/unarchive"))
    }

    /// Creates an opportunity from the lead, which stays as converted. Not retried blindly.
    public func convert(_ id: LeadID, _ conversion: LeadConversion? = nil) async throws -> Opportunity {
        let body = try conversion.map { try core.encode($0) }
        return try await core.item(Opportunity.self, try recordEndpoint(.POST, id, suffix: "/convert"), body: body)
    }
}

extension Records where Record == Opportunity {
    public func updateStatus(_ id: OpportunityID, _ update: OpportunityStatusUpdate) async throws -> Opportunity {
        try await core.item(
            Opportunity.self, try recordEndpoint(.PATCH, id, suffix: "/updateStatus"), body: try core.encode(update))
    }

    /// `won`, `open`, or `lost` with an optional reason (a seeded reason id) and comment.
    public func updateStatus(
        _ id: OpportunityID, _ status: OpportunityStatus, lostReason: LostReason? = nil, lastUpdatedBy: User? = nil
    ) async throws -> Opportunity {
        try await updateStatus(
            id, OpportunityStatusUpdate(status: status, lostReason: lostReason, lastUpdatedBy: lastUpdatedBy))
    }

    /// Moves the opportunity to a stage of its pipeline (by stage id, or label).
    public func updateStage(_ id: OpportunityID, to stage: StageID, lastUpdatedBy: User? = nil) async throws
        -> Opportunity
    {
        let update = OpportunityStageUpdate(stage: stage, lastUpdatedBy: lastUpdatedBy)
        return try await core.item(
            Opportunity.self, try recordEndpoint(.PATCH, id, suffix: "/updateStage"), body: try core.encode(update))
    }
}
