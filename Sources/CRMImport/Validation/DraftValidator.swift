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
    let preparedForm: PreparedForm?
    /// Each case type's form, prepared once per run, by case type id: a case is checked against
    /// its type's form.
    let caseForms: [String: PreparedForm]
    /// The position in `preparedForm` of each of the mapping's `fields` targets.
    let rulePositions: [(target: String, position: Int?)]
    /// What a value the form refuses costs, per target (the mapping's `onInvalid`).
    let formPolicy: FormCheckPolicy
    /// The `email`/`phone` rules whose lists need only part of the entries' check.
    let checkedEntryRules: CheckedEntryRules

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
        let preparedForm = mapping.entity == .case ? nil : PreparedForm(snapshot.form(for: mapping.entity))
        self.preparedForm = preparedForm
        self.rulePositions = preparedForm?.rulePositions(mapping.fields.map(\.target)) ?? []
        var caseForms: [String: PreparedForm] = [:]
        if mapping.entity == .case {
            for type in snapshot.caseTypes {
                if let id = type.id?.rawValue, caseForms[id] == nil { caseForms[id] = PreparedForm(type.form ?? []) }
            }
        }
        self.caseForms = caseForms
        self.formPolicy = FormCheckPolicy(mapping: mapping)
        self.checkedEntryRules = CheckedEntryRules(mapping: mapping, form: preparedForm)
    }

    /// The draft's API body, checked; `problems` empty means the CRM would take it.
    /// The draft is taken (`consuming`) so that a caller's temporary one moves into the result
    /// instead of being copied member by member.
    public func validate(_ draft: consuming Draft) -> ValidatedDraft {
        let body = draft.fields, problems = draft.problems
        var result = ValidatedDraft(draft: draft, body: body, problems: problems)
        check(&result, inBody: true)
        return result
    }

    /// The problems alone, as a validation run wants them: no body is built for contacts and
    /// organizations, whose checks read the draft's fields where it keeps them.
    func problems(of draft: consuming Draft) -> [RecordProblem] {
        verdict(of: draft).problems
    }

    /// `problems(of:)`, and the values the mapping dropped from the draft (see `Draft.dropped`).
    /// Only those two are handed back: the checked draft stays here, to be freed.
    func verdict(of draft: consuming Draft) -> (problems: [RecordProblem], dropped: [RecordProblem]) {
        // The body is built only when the references and rules read it (stages, statuses, case
        // types); for contacts and organizations the checks read the fields where the draft
        // keeps them (`Draft.values`).
        let inBody = !(draft.entity == .contact || draft.entity == .organization)
        let body = inBody ? draft.fields : [:], problems = draft.problems
        var result = ValidatedDraft(draft: draft, body: body, problems: problems)
        check(&result, inBody: inBody)
        return (result.problems, result.draft.dropped)
    }

    /// Resolves the draft's references and checks it against its form; `inBody`: its default
    /// fields are read from the body, else from the draft.
    private func check(_ result: inout ValidatedDraft, inBody: Bool) {
        let entity = result.draft.entity
        var caseType: CaseType?
        resolveReferences(&result, caseType: &caseType)
        let form = self.form(for: entity, caseType: caseType)
        if !result.draft.pendingDrops.isEmpty { resolvePendingDrops(&result, form: form) }
        checkDefaultFields(&result, form: form, inBody: inBody)
        checkCustomFields(&result, form: form)
        checkOpportunityStatus(&result)
    }

    /// The form a draft of `entity` is checked against, prepared once per run where it can be:
    /// the mapping's entity's, or a case type's.
    private func form(for entity: EntityKind, caseType: CaseType?) -> PreparedForm {
        if entity == mapping.entity, let preparedForm { return preparedForm }
        if entity == .case, let id = (caseType ?? snapshot.defaultCaseType)?.id?.rawValue, let form = caseForms[id] {
            return form
        }
        return PreparedForm(snapshot.form(for: entity, caseType: caseType))
    }

    /// Values the mapping could not build for a target whose form decides (`Draft.pendingDrops`):
    /// a reason to reject the record when the field is required, else dropped with a warning.
    private func resolvePendingDrops(_ result: inout ValidatedDraft, form: PreparedForm) {
        var dropped: [RecordProblem] = []
        for pending in result.draft.pendingDrops {
            let isRequired =
                pending.isCustom
                ? customFields[pending.target]?.isRequired ?? false
                : form.isRequired(pending.target)
            if isRequired { result.problems.append(pending.problem) } else { dropped.append(pending.problem) }
        }
        // Before the values dropped while mapping (extras, later entries): fields and custom
        // fields come first in a mapping, so the list keeps roughly the mapping's order.
        result.draft.dropped = dropped + result.draft.dropped
        result.draft.pendingDrops = []
    }

    /// The form's default fields against the draft's values: those in the body when one was
    /// built (`inBody`), else those the draft holds. Only the fields given or required are
    /// visited (in the form's order), as the others have nothing to check.
    private func checkDefaultFields(_ result: inout ValidatedDraft, form: PreparedForm, inBody: Bool) {
        // The rules' positions hold for the mapping's own form (a case's form is the case type's).
        let byRule = result.draft.entity == mapping.entity ? rulePositions : []
        let present =
            inBody ? form.present(result.body.keys) : form.present(result.draft.values, byRule: byRule)
        let pendingFields = result.draft.references.lazy.filter(\.isPending).map(\.field)
        guard let present, let pendingBits = form.present(pendingFields) else {
            for field in form.fields {
                guard let id = field.id, !pendingFields.contains(id) else { continue }
                let held = inBody ? nil : result.draft.values.firstIndex { $0.target == id }
                checkDefaultField(field, id: id, inBody: inBody, isPresent: true, held: held, &result)
            }
            return
        }
        // Fields a reference still to be created will fill are not checked yet.
        var visit = (present | form.requiredBits) & ~pendingBits
        while visit != 0 {
            let index = visit.trailingZeroBitCount
            visit &= visit - 1
            let isPresent = present & (1 << UInt64(index)) != 0
            guard let id = form.fields[index].id else { continue }
            let held = inBody || !isPresent ? nil : form.valueIndex(at: index, in: result.draft.values, byRule: byRule)
            checkDefaultField(form.fields[index], id: id, inBody: inBody, isPresent: isPresent, held: held, &result)
        }
    }

    /// One default field of the form against the draft's value for it: from the body when
    /// `inBody`, else the draft's value at `held`. `isPresent` false: the body or the draft has
    /// none (known without looking it up).
    private func checkDefaultField(
        _ field: PreparedFormField, id: String, inBody: Bool, isPresent: Bool, held: Int?,
        _ result: inout ValidatedDraft
    ) {
        guard field.category != .custom else { return }
        var value = inBody && isPresent ? result.body[id] : nil
        if let held {
            switch result.draft.values[held].value {
            case .json(let json): value = json
            case .entries(let entries):
                if checkedEntryRules.certainlyValid(entries, rule: result.draft.values[held].rule, field: field) {
                    return
                }
                // Checked as typed entries when the field takes entries; as JSON otherwise.
                if let problems = FieldValueValidator.entryProblems(entries, for: field) {
                    if !problems.isEmpty {
                        let json = result.draft.values[held].value.json
                        record(FieldCheck(value: nil, problems: problems), field: id, value: json, into: &result)
                    }
                    return
                }
                value = result.draft.values[held].value.json
            }
        }
        guard value != nil || field.isRequired else { return }
        let check = FieldValueValidator.check(value, for: field)
        if !check.isValid, value != nil {
            switch formPolicy.outcome(target: id, isCustom: false, field: field) {
            case .reject:
                break
            case .drop:
                drop(check, field: id, value: value, into: &result)
                Self.set(id, nil, inBody: inBody, in: &result)
                return
            case .replace(let fallback):
                drop(check, field: id, value: value, into: &result)
                Self.set(id, fallback, inBody: inBody, in: &result)
                return
            }
        }
        record(check, field: id, value: value, into: &result)
        // A value the check normalised (a phone list with its primary flag filled in) goes into
        // the body; one the draft holds stays there, as no body is built from it.
        if check.isValid, inBody, check.value != value { result.body[id] = check.value }
    }

    private func checkCustomFields(_ result: inout ValidatedDraft, form: PreparedForm) {
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
        if !form.requiredCustomFields.isEmpty {
            let given = Set(result.draft.customFields.compactMap { customFields[$0.key]?.id })
            for index in form.requiredCustomFields {
                let field = form.fields[index]
                guard let id = field.id, !given.contains(id) else { continue }
                record(
                    FieldValueValidator.check(nil, for: field), field: "customFields.\(field.field.label ?? id)",
                    value: nil, into: &result)
            }
        }
        if !values.isEmpty { result.body["customFields"] = .object(values) }
    }

    /// The check's problems, if any, added to the record's. A record's provenance is read only
    /// when there is a problem to name it in: for a CSV row it names the file through a string
    /// every thread shares, whose reference count would otherwise move between the cores on
    /// every field checked.
    func record(_ check: FieldCheck, field: String, value: JSONValue?, into result: inout ValidatedDraft) {
        guard !check.problems.isEmpty else { return }
        result.problems += Self.problems(check, field: field, value: value, provenance: result.draft.provenance)
    }

    /// The form's refusal of a value the record goes on without (see `FormCheckPolicy`): listed
    /// with the values the mapping dropped, so the run's account counts it.
    func drop(_ check: FieldCheck, field: String, value: JSONValue?, into result: inout ValidatedDraft) {
        guard !check.problems.isEmpty else { return }
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

    /// Sets (or, nil, removes) a default field where the checks read it: in the body, or in
    /// the draft when no body was built (see `check`).
    static func set(_ id: String, _ value: JSONValue?, inBody: Bool, in result: inout ValidatedDraft) {
        if inBody {
            result.body[id] = value
        } else {
            result.draft.set(id, value.map(DraftField.Value.json))
        }
    }
}

/// A draft after validation: the body the CRM would be sent, the references still to resolve
/// against records (organizations by name, contacts by e-mail, tags to create), and problems.
public struct ValidatedDraft: Sendable {
    public var draft: Draft
    public var body: JSONObject
    public var problems: [RecordProblem]
    /// The draft's references the validator left for the planner (see `DraftReference.isPending`).
    public var pendingReferences: [DraftReference] { draft.references.filter(\.isPending) }

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
