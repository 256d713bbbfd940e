import CRMModel
import GRDB

/// Applies a create or update body to a record: validates every member against the record's
/// form and rules, collects every problem, and returns the record as it will be stored. Runs
/// inside the write transaction so references and the current state are checked consistently.
struct RecordValidator {
    let kind: EntityKind
    let snapshot: SchemaCatalog.Snapshot
    let db: Database
    let now: String

    /// Members the server owns; a body cannot set them (api-notes #25).
    static let readOnly: Set<String> = [
        "id", "createdOn", "updatedOn", "tenantId", "isArchived", "isConverted", "convertedOpportunityId", "closedOn",
    ]

    struct Result {
        var fields: JSONObject
        var tagIds: [String]
        var stageOrder: Int?
    }

    /// `existing` nil: create. Otherwise a partial update of `existing`.
    func apply(_ body: JSONObject, to existing: RecordDocument?) throws -> Result {
        var problems = ValidationProblems()
        let isCreate = existing == nil
        var fields = existing?.fields ?? RecordSchema.emptyRecord(of: kind)
        var tagIds = existing?.tagIds ?? []

        // Cases take their form from their case type, which the body may change.
        var caseType: CaseType?
        if kind == .case {
            caseType = CaseRules.resolveCaseType(
                body: body, fields: &fields, snapshot: snapshot, isCreate: isCreate, problems: &problems)
        }
        let form = kind == .case ? (caseType?.form ?? DefaultSchema.caseForm) : snapshot.form(for: kind)

        var touched = Set<String>()
        for member in RecordSchema.members(of: kind) {
            guard let value = body[member.name] else { continue }
            touched.insert(member.name)
            let definition =
                form.first { $0.id?.rawValue == member.name }
                ?? DefaultSchema.form(for: kind.formEntity ?? .case).first { $0.id?.rawValue == member.name }
            if value.isEmptyValue {
                fields[member.name] = member.rule.isArray ? .array([]) : .null
                continue
            }
            if let stored = validate(
                value, rule: member.rule, definition: definition, path: member.name, problems: &problems)
            {
                fields[member.name] = stored
            }
        }
        if kind == .opportunity {
            OpportunityRules.applyOrganizationAlias(body: body, fields: &fields, touched: &touched, problems: &problems)
        }
        checkReferences(fields, touched: touched, problems: &problems)

        let touchedCustom = applyCustomFields(body["customFields"], form: form, fields: &fields, problems: &problems)
        if let tags = body["tags"] {
            tagIds = resolveTags(tags, problems: &problems)
        }
        if isCreate {
            fields["creator"] = user(
                body["creator"], fallback: body["lastUpdatedBy"], problems: &problems, path: "creator")
        }
        fields["lastUpdatedBy"] = user(
            body["lastUpdatedBy"], fallback: isCreate ? body["creator"] : nil, problems: &problems,
            path: "lastUpdatedBy")

        var stageOrder: Int?
        switch kind {
        case .opportunity:
            stageOrder = OpportunityRules.applyPipelineAndStatus(
                body: body, fields: &fields, snapshot: snapshot, isCreate: isCreate, now: now, problems: &problems)
        case .case:
            if let caseType {
                CaseRules.applyStatus(
                    body: body, fields: &fields, caseType: caseType,
                    previousStatus: existing?.fields["status"]?.stringValue, isCreate: isCreate, problems: &problems)
            }
        default: break
        }

        checkRequired(
            form: form, fields: fields, touched: isCreate ? nil : touched, touchedCustom: touchedCustom,
            problems: &problems)
        try problems.throwIfAny()

        if isCreate {
            fields["createdOn"] = .string(now)
            fields["tenantId"] = .string(snapshot.tenantId)
        }
        fields["updatedOn"] = .string(now)
        return Result(fields: fields, tagIds: tagIds, stageOrder: stageOrder)
    }

    func validate(
        _ value: JSONValue, rule: RecordSchema.Rule, definition: FormField?, path: String,
        problems: inout ValidationProblems
    ) -> JSONValue? {
        switch rule {
        case .typed(let type):
            return FieldValueChecks.validate(
                value, field: FieldValueChecks.memberField(definition, type: type), path: path, problems: &problems)
        case .user:
            return FieldValueChecks.user(value, path: path, problems: &problems)
        case .users:
            guard case .array = value else {
                problems.add(path, .invalidType)
                return nil
            }
            return FieldValueChecks.validate(
                value, field: FieldValueChecks.memberField(definition, type: .peoplePicker), path: path,
                problems: &problems)
        case .reference:
            if case .string(let id) = value { return .string(id.trimmingCharacters(in: .whitespaces)) }
            if case .integer(let id) = value { return .string(String(id)) }
            problems.add(path, .invalidType)
            return nil
        }
    }

    /// `organizationId`/`contactId` must name existing records (api-notes #29).
    private func checkReferences(_ fields: JSONObject, touched: Set<String>, problems: inout ValidationProblems) {
        for member in RecordSchema.members(of: kind) where touched.contains(member.name) {
            guard case .reference(let target) = member.rule, let id = fields[member.name]?.stringValue else { continue }
            if !((try? RecordTables.exists(target, id: id, in: db)) ?? false) {
                problems.add(member.name, .unknownReference)
            }
        }
    }

    /// Merges `customFields` key by key (null removes a key); keys the form defines are checked
    /// by their field's type, others are stored as given (api-notes #26, #43).
    private func applyCustomFields(
        _ value: JSONValue?, form: [FormField], fields: inout JSONObject, problems: inout ValidationProblems
    ) -> Set<String> {
        guard let value, value != .null else { return [] }
        guard case .object(let given) = value else {
            problems.add("customFields", .invalidType)
            return []
        }
        var custom = fields["customFields"]?.objectValue ?? [:]
        for (key, fieldValue) in given {
            if fieldValue == .null {
                custom[key] = nil
                continue
            }
            let path = "customFields.\(key)"
            if let definition = form.first(where: { $0.id?.rawValue == key && $0.category != .default }),
                definition.type != nil
            {
                if let stored = FieldValueChecks.validate(
                    fieldValue, field: definition, path: path, problems: &problems)
                {
                    custom[key] = stored
                }
            } else {
                custom[key] = fieldValue
            }
        }
        fields["customFields"] = .object(custom)
        return Set(given.keys)
    }

    /// Required fields: all on create; on update those the body touched (api-notes #40).
    private func checkRequired(
        form: [FormField], fields: JSONObject, touched: Set<String>?, touchedCustom: Set<String>,
        problems: inout ValidationProblems
    ) {
        let custom = fields["customFields"]?.objectValue ?? [:]
        // A member already reported as invalid is not reported again as missing.
        let reported = Set(
            problems.details.map {
                $0.field.split(whereSeparator: { $0 == "[" || $0 == "." }).first.map(String.init) ?? $0.field
            })
        let reportedCustom = Set(
            problems.details.compactMap { detail -> String? in
                guard detail.field.hasPrefix("customFields.") else { return nil }
                return detail.field.dropFirst("customFields.".count).split(whereSeparator: { $0 == "[" || $0 == "." })
                    .first.map(String.init)
            })
        for field in form where field.isRequired {
            guard let id = field.id?.rawValue else { continue }
            if reported.contains(id) || reportedCustom.contains(id) { continue }
            if field.category == .default || RecordSchema.isMember(id, of: kind) {
                guard touched == nil || touched?.contains(id) == true else { continue }
                if fields[id]?.isEmptyValue ?? true { problems.add(id, .required) }
            } else {
                guard touched == nil || touchedCustom.contains(id) else { continue }
                if custom[id]?.isEmptyValue ?? true { problems.add("customFields.\(id)", .required) }
            }
        }
    }

    /// Record tags: a comma-separated string, strings, or tag objects; each resolved by id, then
    /// by label (api-notes #12).
    func resolveTags(_ value: JSONValue, problems: inout ValidationProblems) -> [String] {
        var references: [(String, String)] = []
        switch value {
        case .null: return []
        case .string(let text):
            references = text.split(separator: ",").map { ($0.trimmingCharacters(in: .whitespaces), "tags") }.filter {
                !$0.0.isEmpty
            }
        case .array(let entries):
            for (index, entry) in entries.enumerated() {
                switch entry {
                case .string(let text): references.append((text, "tags[\(index)]"))
                case .object(let object):
                    if let id = object["id"]?.stringValue, snapshot.tag(kind, named: id) != nil {
                        references.append((id, "tags[\(index)]"))
                    } else if let label = object["label"]?.stringValue {
                        references.append((label, "tags[\(index)]"))
                    } else {
                        problems.add("tags[\(index)]", .invalidType)
                    }
                default: problems.add("tags[\(index)]", .invalidType)
                }
            }
        default:
            problems.add("tags", .invalidType)
            return []
        }
        var ids: [String] = []
        for (reference, path) in references {
            guard let tag = snapshot.tag(kind, named: reference), let id = tag.id?.rawValue else {
                problems.add(path, .unknownReference)
                continue
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    private func user(_ value: JSONValue?, fallback: JSONValue?, problems: inout ValidationProblems, path: String)
        -> JSONValue
    {
        if let value, value != .null {
            return FieldValueChecks.user(value, path: path, problems: &problems) ?? .null
        }
        if let fallback, fallback != .null {
            var reportedElsewhere = ValidationProblems()
            if let user = FieldValueChecks.user(fallback, path: path, problems: &reportedElsewhere) { return user }
        }
        return SandboxUsers.api.json
    }
}
