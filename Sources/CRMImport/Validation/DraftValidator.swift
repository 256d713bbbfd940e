import CRMModel

/// Checks drafts against the CRM's live forms (a `SchemaSnapshot`) with the same rules the API
/// applies (`FieldValueValidator`), resolves what the snapshot can resolve (custom field labels
/// to ids, tags, stages, case types and statuses), and says for each draft whether the CRM would
/// take it, and if not, every reason why.
public struct DraftValidator: Sendable {
    public let mapping: Mapping
    public let snapshot: SchemaSnapshot
    /// Problems of the mapping against this CRM (a custom field no form has), found once.
    public let diagnostics: [MappingDiagnostic]
    /// The mapping's custom field keys resolved to form fields (prepared: checked per record).
    let customFields: [String: PreparedFormField]
    /// The entity's form, prepared once per run; nil for cases, whose form depends on the
    /// record's case type and is prepared per record.
    let preparedForm: [PreparedFormField]?
    /// What a value the form refuses costs, per target (the mapping's `onInvalid`).
    let formPolicy: FormCheckPolicy

    public init(mapping: Mapping, snapshot: SchemaSnapshot) {
        self.mapping = mapping
        self.snapshot = snapshot
        var resolved: [String: PreparedFormField] = [:]
        var diagnostics: [MappingDiagnostic] = []
        let forms =
            mapping.entity == .case ? snapshot.caseTypes.flatMap { $0.form ?? [] } : snapshot.form(for: mapping.entity)
        for rule in mapping.customFields {
            if let field = forms.first(where: { $0.id?.rawValue == rule.target })
                ?? forms.first(where: { $0.label?.equalsIgnoringCase(rule.target) ?? false })
            {
                resolved[rule.target] = PreparedFormField(field)
            } else {
                let labels = forms.filter(\.isCustom).compactMap(\.label)
                diagnostics.append(
                    MappingDiagnostic(
                        location: rule.location,
                        message: "no field of the \(mapping.entity.rawValue) form has the id or label '\(rule.target)'",
                        hint: labels.isEmpty
                            ? "add the custom field to the form first (crmkit forms put / schema apply)"
                            : "custom fields: \(labels.joined(separator: ", "))"))
            }
        }
        self.customFields = resolved
        self.diagnostics = diagnostics
        self.preparedForm =
            mapping.entity == .case ? nil : snapshot.form(for: mapping.entity).map(PreparedFormField.init)
        self.formPolicy = FormCheckPolicy(mapping: mapping)
    }

    /// The draft's API body, checked; `problems` empty means the CRM would take it.
    /// The draft is taken (`consuming`) so that a caller's temporary one moves into the result
    /// instead of being copied member by member.
    public func validate(_ draft: consuming Draft) -> ValidatedDraft {
        check(draft, keepingFields: true)
    }

    /// The problems alone, as a validation run wants them: the draft's fields move into the
    /// body instead of sharing their storage with it, so that the first value the checks store
    /// (a phone list with its primary flags filled in) does not copy them all.
    func problems(of draft: consuming Draft) -> [RecordProblem] {
        check(draft, keepingFields: false).problems
    }

    /// `problems(of:)`, and the values the mapping dropped from the draft (see `Draft.dropped`).
    func verdict(of draft: consuming Draft) -> (problems: [RecordProblem], dropped: [RecordProblem]) {
        let result = check(draft, keepingFields: false)
        return (result.problems, result.draft.dropped)
    }

    private func check(_ draft: consuming Draft, keepingFields: Bool) -> ValidatedDraft {
        var body = draft.fields
        let problems = draft.problems, entity = draft.entity
        // No check reads the draft's fields, only the body.
        if !keepingFields { draft.fields = [:] }
        // A draft laid out for checking (`Draft.Layout.checking`) keeps its fields out of the
        // body while only the form checks read them: always when a body is wanted, and for
        // entities whose references and rules read the body (stages, statuses, case types),
        // they are put into it as the JSON the CRM takes.
        if keepingFields || !(entity == .contact || entity == .organization) {
            for (target, value) in draft.fieldList { body[target] = value }
            draft.fieldList = []
        }
        if keepingFields {
            for (target, entries) in draft.typedEntries { body[target] = .array(entries.map(\.json)) }
            draft.typedEntries = []
        }
        var result = ValidatedDraft(draft: consume draft, body: body, problems: problems)
        var caseType: CaseType?
        resolveReferences(&result, caseType: &caseType)
        let form =
            (entity == mapping.entity ? preparedForm : nil)
            ?? snapshot.form(for: entity, caseType: caseType).map(PreparedFormField.init)
        if !result.draft.pendingDrops.isEmpty { resolvePendingDrops(&result, form: form) }
        checkDefaultFields(&result, form: form)
        checkCustomFields(&result, form: form)
        checkOpportunityStatus(&result)
        return result
    }

    /// Values the mapping could not build for a target whose form decides (`Draft.pendingDrops`):
    /// a reason to reject the record when the field is required, else dropped with a warning.
    private func resolvePendingDrops(_ result: inout ValidatedDraft, form: [PreparedFormField]) {
        var dropped: [RecordProblem] = []
        for pending in result.draft.pendingDrops {
            let isRequired =
                pending.isCustom
                ? customFields[pending.target]?.isRequired ?? false
                : form.contains { $0.id == pending.target && $0.isRequired }
            if isRequired { result.problems.append(pending.problem) } else { dropped.append(pending.problem) }
        }
        // Before the values dropped while mapping (extras, later entries): fields and custom
        // fields come first in a mapping, so the list keeps roughly the mapping's order.
        result.draft.dropped = dropped + result.draft.dropped
        result.draft.pendingDrops = []
    }

    private func checkDefaultFields(_ result: inout ValidatedDraft, form: [PreparedFormField]) {
        let pending = result.pendingReferences
        let present = Self.fieldsPresent(in: result.body, form)
        for (index, field) in form.enumerated() {
            let isPresent = present.map { $0 & (1 << UInt64(index)) != 0 } ?? true
            checkDefaultField(field, isPresent: isPresent, pending: pending, &result)
        }
    }

    /// One default field of the form against the draft. `isPresent` false: the body has no
    /// value for it (its value may still be listed or typed, see `Draft.Layout.checking`).
    private func checkDefaultField(
        _ field: PreparedFormField, isPresent: Bool, pending: [DraftReference], _ result: inout ValidatedDraft
    ) {
        guard field.category != .custom, let id = field.id, !Self.isPending(id, pending) else { return }
        var value = isPresent ? result.body[id] : nil
        var listed = false
        if value == nil, let listedValue = Self.listed(id, result.draft.fieldList) {
            value = listedValue
            listed = true
        }
        if value == nil, let entries = Self.entries(id, result.draft.typedEntries) {
            // Checked as typed entries when the field takes entries; as JSON otherwise.
            if let problems = FieldValueValidator.entryProblems(entries, for: field) {
                if !problems.isEmpty {
                    record(
                        FieldCheck(value: nil, problems: problems), field: id, value: .array(entries.map(\.json)),
                        into: &result)
                }
                return
            }
            value = .array(entries.map(\.json))
        }
        guard value != nil || field.isRequired else { return }
        let check = FieldValueValidator.check(value, for: field)
        if !check.isValid, value != nil {
            switch formPolicy.outcome(target: id, isCustom: false, field: field) {
            case .reject:
                break
            case .drop:
                drop(check, field: id, value: value, into: &result)
                Self.set(id, nil, listed: listed, in: &result)
                return
            case .replace(let fallback):
                drop(check, field: id, value: value, into: &result)
                Self.set(id, fallback, listed: listed, in: &result)
                return
            }
        }
        record(check, field: id, value: value, into: &result)
        // Most values come back as they went in; writing them anyway would copy the body
        // when it still shares its storage with the draft's fields.
        // (A listed field stays out of the body, which no one reads: see `check`.)
        if check.isValid, !listed, check.value != value { result.body[id] = check.value }
    }

    // Plain loops rather than `contains(where:)`/`first(where:)` with a closure: the closures'
    // contexts retained the id for each field of the form for each record.

    static func isPending(_ id: String, _ pending: [DraftReference]) -> Bool {
        for reference in pending where reference.field == id { return true }
        return false
    }

    /// The value a draft laid out for checking lists for `id` (the last one, as a later write
    /// to a dictionary wins).
    static func listed(_ id: String, _ list: [(target: String, value: JSONValue)]) -> JSONValue? {
        for index in list.indices.reversed() where list[index].target == id { return list[index].value }
        return nil
    }

    static func entries(_ id: String, _ lists: [(target: String, entries: [LabeledEntry])]) -> [LabeledEntry]? {
        for index in lists.indices where lists[index].target == id { return lists[index].entries }
        return nil
    }

    /// Which of the form's fields the body holds, as bits by position (nil for forms of more
    /// than 64 fields), found in one pass over the body's keys compared with the fields' ids
    /// (short strings, compared in a word or two). Looking every field of the form up in the
    /// body hashed its id, mostly for nothing: an import fills a few of a form's fields.
    static func fieldsPresent(in body: JSONObject, _ fields: [PreparedFormField]) -> UInt64? {
        guard fields.count <= 64 else { return nil }
        var present: UInt64 = 0
        for key in body.keys {
            for (index, field) in fields.enumerated() where field.id == key { present |= 1 << UInt64(index) }
        }
        return present
    }

    private func checkCustomFields(_ result: inout ValidatedDraft, form: [PreparedFormField]) {
        var values: JSONObject = [:]
        for (key, value) in result.draft.customFields {
            guard let field = customFields[key], let id = field.id else { continue }
            let check = FieldValueValidator.check(value, for: field)
            if !check.isValid {
                switch formPolicy.outcome(target: key, isCustom: true, field: field) {
                case .reject:
                    break
                case .drop:
                    drop(check, field: "customFields.\(key)", value: value, into: &result)
                    continue
                case .replace(let fallback):
                    drop(check, field: "customFields.\(key)", value: value, into: &result)
                    values[id] = fallback
                    continue
                }
            }
            record(check, field: "customFields.\(key)", value: value, into: &result)
            if let stored = check.value { values[id] = stored }
        }
        let given = Set(result.draft.customFields.compactMap { customFields[$0.key]?.id })
        for index in form.indices where form[index].isCustom && form[index].isRequired {
            guard let id = form[index].id, !given.contains(id) else { continue }
            record(
                FieldValueValidator.check(nil, for: form[index]),
                field: "customFields.\(form[index].field.label ?? id)", value: nil, into: &result)
        }
        if !values.isEmpty { result.body["customFields"] = .object(values) }
    }

    func record(_ check: FieldCheck, field: String, value: JSONValue?, into result: inout ValidatedDraft) {
        result.problems += Self.problems(check, field: field, value: value, provenance: result.draft.provenance)
    }

    /// The form's refusal of a value the record goes on without (see `FormCheckPolicy`): listed
    /// with the values the mapping dropped, so the run's account counts it.
    func drop(_ check: FieldCheck, field: String, value: JSONValue?, into result: inout ValidatedDraft) {
        result.draft.dropped += Self.problems(check, field: field, value: value, provenance: result.draft.provenance)
    }

    static func problems(_ check: FieldCheck, field: String, value: JSONValue?, provenance: SourceProvenance)
        -> [RecordProblem]
    {
        check.problems.map { problem in
            let shown = value.flatMap { JSONPath.value(at: problem.path, in: $0) }
            return RecordProblem(
                provenance: provenance, field: field + problem.path, value: shown.map(JSONPath.text) ?? "",
                reason: problem.reason, message: problem.message, hint: RecordProblemHints.hint(for: problem.reason))
        }
    }

    /// Sets (or, nil, removes) a default field where the draft holds it: in the body, or in its
    /// list when laid out for checking (`Draft.Layout.checking`).
    static func set(_ id: String, _ value: JSONValue?, listed: Bool, in result: inout ValidatedDraft) {
        if listed {
            result.draft.fieldList.removeAll { $0.target == id }
            if let value { result.draft.fieldList.append((id, value)) }
        } else {
            result.body[id] = value
        }
    }
}

/// A draft after validation: the body the CRM would be sent, the references still to resolve
/// against records (organizations by name, contacts by e-mail, tags to create), and problems.
public struct ValidatedDraft: Sendable {
    public var draft: Draft
    public var body: JSONObject
    public var problems: [RecordProblem]
    public var pendingReferences: [DraftReference] = []

    public var isValid: Bool { problems.isEmpty }

    init(draft: Draft, body: JSONObject, problems: [RecordProblem]) {
        self.draft = draft
        self.body = body
        self.problems = problems
    }
}

/// What to do about each kind of problem, printed after it.
enum RecordProblemHints {
    static func hint(for reason: FieldProblemReason) -> String {
        switch reason {
        case .required: return "fill it in the source, or give the mapping rule a default:"
        case .invalidType: return "check the mapping rule's transforms produce the field's type"
        case .invalidFormat: return "fix the value in the source, or add a transform that rewrites it"
        case .tooLong: return "shorten the value in the source"
        case .unknownOption: return "add a map transform to one of the form's options, or add the option to the form"
        case .unknownReference: return "create it in the CRM first, or set create: true in the mapping"
        case .duplicate: return "remove the repeated value in the source"
        case .notAllowed: return "check the value against the CRM's rules for this field"
        }
    }
}
