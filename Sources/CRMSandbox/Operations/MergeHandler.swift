import CRMModel
import GRDB

/// Merging contacts or organizations into a target (api-notes "Merges"), in one transaction.
struct MergeHandler {
    let kind: EntityKind

    func merge(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let body = try request.jsonObject()
        let kind = self.kind
        let catalog = services.catalog
        let json = try await services.database.pool.write { db -> String in
            var target = try RecordTables.fetchRequired(kind, id: request.id, in: db)
            let sources = try Self.sources(body, target: target.id, kind: kind, in: db)
            var problems = ValidationProblems()
            let user = body["lastUpdatedBy"].flatMap {
                FieldValueChecks.user($0, path: "lastUpdatedBy", problems: &problems)
            }
            try problems.throwIfAny()

            let snapshot = catalog.snapshot
            Self.fillBlanks(&target.fields, from: sources.map(\.fields), kind: kind)
            let form = snapshot.form(for: kind)
            for (member, isEmail) in [("email", true), ("phone", false)] {
                let labelOptions = form.first { $0.id?.rawValue == member }?.labelOptions ?? []
                target.fields[member] = Self.union(
                    [target.fields[member]] + sources.map { $0.fields[member] }, isEmail: isEmail,
                    labelOptions: labelOptions)
            }
            for source in sources {
                for tag in source.tagIds where !target.tagIds.contains(tag) { target.tagIds.append(tag) }
            }
            target.fields["updatedOn"] = .string(Timestamp.now())
            target.fields["lastUpdatedBy"] = user ?? SandboxUsers.api.json

            let sourceIds = sources.map(\.id)
            let (column, member) =
                kind == .organization ? ("organization_id", "organizationId") : ("contact_id", "contactId")
            try RecordTables.repointReferences(column: column, member: member, from: sourceIds, to: target.id, in: db)
            for id in sourceIds { try RecordTables.delete(kind, id: id, in: db) }
            try RecordTables.update(kind, target, stageOrder: nil, in: db)
            return target.rendered(tags: snapshot.tagJSON[kind] ?? [:])
        }
        return .item(json)
    }

    /// `sourceId`: 1–100 ids, duplicates ignored; each must exist and differ from the target.
    private static func sources(_ body: JSONObject, target: Int64, kind: EntityKind, in db: Database) throws
        -> [RecordDocument]
    {
        var problems = ValidationProblems()
        guard case .array(let entries)? = body["sourceId"], (1...100).contains(entries.count) else {
            problems.add("sourceId", body["sourceId"] == nil ? .required : .invalidType)
            try problems.throwIfAny()
            return []
        }
        var seen = Set<String>()
        var sources: [RecordDocument] = []
        for (index, entry) in entries.enumerated() {
            guard let id = entry.stringValue ?? entry.int64Value.map({ String($0) }) else {
                problems.add("sourceId[\(index)]", .invalidType)
                continue
            }
            guard seen.insert(id).inserted else { continue }
            if RecordTables.rowId(id) == target {
                problems.add("sourceId[\(index)]", .notAllowed)
            } else if let source = try RecordTables.fetch(kind, id: id, in: db) {
                sources.append(source)
            } else {
                problems.add("sourceId[\(index)]", .unknownReference)
            }
        }
        try problems.throwIfAny()
        return sources
    }

    /// Empty members of the target take the first non-empty value among the sources;
    /// `customFields` key by key.
    private static func fillBlanks(_ target: inout JSONObject, from sources: [JSONObject], kind: EntityKind) {
        let skipped: Set<String> = [
            "email", "phone", "customFields", "createdOn", "updatedOn", "creator", "lastUpdatedBy", "tenantId",
        ]
        for member in RecordSchema.members(of: kind).map(\.name) where !skipped.contains(member) {
            guard target[member]?.isEmptyValue ?? true else { continue }
            if let value = sources.lazy.compactMap({ $0[member] }).first(where: { !$0.isEmptyValue }) {
                target[member] = value
            }
        }
        var custom = target["customFields"]?.objectValue ?? [:]
        for source in sources {
            for (key, value) in source["customFields"]?.objectValue ?? [:]
            where (custom[key]?.isEmptyValue ?? true) && !value.isEmptyValue {
                custom[key] = value
            }
        }
        target["customFields"] = .object(custom)
    }

    /// Labeled values of the target, then of each source, without duplicates; one primary at most
    /// (the target's, else the first taken from a source).
    private static func union(_ lists: [JSONValue?], isEmail: Bool, labelOptions: [String]) -> JSONValue {
        var seen = Set<String>()
        var result: [JSONObject] = []
        var hasPrimary = false
        let fallbackLabel =
            labelOptions.first { $0.caseInsensitiveCompare("Other") == .orderedSame } ?? labelOptions.first
        for list in lists {
            for entry in list?.arrayValue ?? [] {
                guard var object = entry.objectValue, let value = object["value"]?.stringValue else { continue }
                let key = isEmail ? value.lowercased() : TelephoneSyntax.digits(of: value)
                guard seen.insert(key).inserted else { continue }
                if object["primary"]?.boolValue == true {
                    if hasPrimary { object["primary"] = false } else { hasPrimary = true }
                }
                if !labelOptions.isEmpty, let label = object["label"]?.stringValue,
                    !labelOptions.contains(where: { $0.caseInsensitiveCompare(label) == .orderedSame })
                {
                    object["label"] = fallbackLabel.map(JSONValue.string) ?? .null
                }
                result.append(object)
            }
        }
        return .array(result.map(JSONValue.object))
    }
}
