import CRMModel
import GRDB

/// Archive, unarchive and convert (api-notes "Lead archive and convert").
enum LeadHandlers {
    static func archive(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        try await setArchived(true, request, services)
    }

    static func unarchive(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        try await setArchived(false, request, services)
    }

    /// Idempotent in effect; like every successful write it sets `updatedOn` and
    /// `lastUpdatedBy` (api-notes #65).
    private static func setArchived(_ archived: Bool, _ request: APIRequest, _ services: SandboxServices) async throws
        -> APIResponse
    {
        let catalog = services.catalog
        let json = try await services.database.pool.write { db in
            var lead = try RecordTables.fetchRequired(.lead, id: request.id, in: db)
            lead.fields["isArchived"] = .bool(archived)
            lead.fields["updatedOn"] = .string(Timestamp.now())
            lead.fields["lastUpdatedBy"] = SandboxUsers.api.json
            try RecordTables.update(.lead, lead, stageOrder: nil, in: db)
            return lead.rendered(tags: catalog.snapshot.tagJSON[.lead] ?? [:])
        }
        return .item(json)
    }

    /// Creates an opportunity from the lead and marks the lead converted; a converted lead cannot
    /// be converted again (400 `invalid_state`).
    static func convert(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let options = try request.optionalJSONObject()
        let catalog = services.catalog
        let json = try await services.database.pool.write { db -> String in
            var lead = try RecordTables.fetchRequired(.lead, id: request.id, in: db)
            if lead.fields["isConverted"]?.boolValue == true {
                throw SandboxError(
                    status: 400, code: SandboxError.invalidState,
                    message:
                        "Lead \(request.id) is already converted (into opportunity "
                        + "\(lead.fields["convertedOpportunityId"]?.stringValue ?? "since deleted"))."
                )
            }
            var snapshot = catalog.snapshot
            let opportunityTags = try tagsForConversion(lead.tagIds, snapshot: snapshot, in: db)
            if opportunityTags.created {
                try catalog.reload(from: db)
                snapshot = catalog.snapshot
            }
            var body: JSONObject = [:]
            for member in [
                "title", "value", "origin", "leadRating", "note", "organizationId", "contactId", "owner", "followers",
                "participants", "customFields",
            ] {
                if let value = lead.fields[member], !value.isEmptyValue { body[member] = value }
            }
            for member in ["pipelineId", "stage"] where options[member] != nil { body[member] = options[member] }
            body["tags"] = .array(opportunityTags.ids.map(JSONValue.string))
            if let user = options["lastUpdatedBy"], user != .null {
                body["creator"] = user; body["lastUpdatedBy"] = user
            }
            let now = Timestamp.now()
            let validated = try RecordValidator(kind: .opportunity, snapshot: snapshot, db: db, now: now).apply(
                body, to: nil)
            let opportunity = try RecordTables.insert(
                .opportunity, fields: validated.fields, tagIds: validated.tagIds, stageOrder: validated.stageOrder,
                in: db)

            lead.fields["isConverted"] = true
            lead.fields["convertedOpportunityId"] = .string(String(opportunity.id))
            lead.fields["updatedOn"] = .string(now)
            lead.fields["lastUpdatedBy"] = validated.fields["lastUpdatedBy"] ?? SandboxUsers.api.json
            try RecordTables.update(.lead, lead, stageOrder: nil, in: db)
            return opportunity.rendered(tags: snapshot.tagJSON[.opportunity] ?? [:])
        }
        return .item(json, status: 201)
    }

    /// The opportunity tags with the labels of the lead's tags, created (with the lead tag's
    /// colour) where missing.
    private static func tagsForConversion(_ leadTagIds: [String], snapshot: SchemaCatalog.Snapshot, in db: Database)
        throws -> (ids: [String], created: Bool)
    {
        var ids: [String] = []
        var created = false
        for tagId in leadTagIds {
            guard let leadTag = snapshot.tag(.lead, named: tagId), let label = leadTag.label else { continue }
            if let existing = snapshot.tag(.opportunity, named: label)?.id?.rawValue {
                ids.append(existing)
            } else {
                ids.append(
                    try TagStore.insert(
                        .opportunity, label: label, color: leadTag.color ?? TagStore.defaultColor, in: db))
                created = true
            }
        }
        return (ids, created)
    }
}
