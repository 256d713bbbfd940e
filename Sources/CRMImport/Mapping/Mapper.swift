import CRMModel

/// Turns source records into drafts by a mapping. Problems are collected on the draft, one per
/// field that could not be built, so one bad date does not hide a bad e-mail in the same row.
public struct Mapper: Sendable {
    public let mapping: Mapping
    let entity: EntityKind
    let phones: PhoneTransformer
    let targets: [String: TargetField]
    /// `mapping.fields`, `customFields` and `extras`, prepared to be read in place per record.
    let fieldPlans: [FieldPlan]
    let customFieldPlans: [FieldPlan]
    let extraPlans: [FieldPlan]
    /// How many rules make references (organizations, tags…).
    let referencePlans: Int

    public init(mapping: Mapping) {
        self.mapping = mapping
        self.entity = mapping.entity
        self.phones = PhoneTransformer(defaultRegion: mapping.defaults.region)
        let targets = TargetField.fields(of: mapping.entity)
        self.targets = targets
        let fields = mapping.fields
        self.fieldPlans = fields.indices.map { position in
            let rule = fields[position]
            return FieldPlan(
                rule, position: position, kind: targets[rule.target] ?? .value,
                sharesTarget: fields[..<position].contains { $0.target == rule.target })
        }
        self.customFieldPlans = mapping.customFields.enumerated().map { FieldPlan($1, position: $0, kind: .value) }
        self.extraPlans = mapping.extras.enumerated().map { FieldPlan($1, position: $0, kind: .value) }
        self.referencePlans = mapping.fields.filter { $0.reference != nil }.count
    }

    public func map(_ record: SourceRecord) -> Draft {
        var draft = mapFields(record)
        draft.matchKeys = MatchKeyBuilder.values(mapping.matchKeys, of: draft)
        return draft
    }

    /// `map(_:)` without the match keys, and without the extras unless `keepingExtras`: a
    /// validation run only wants the validator's verdict, which reads neither (building the
    /// match keys is a tenth of the mapping's time; the extras, a dictionary per record). The
    /// extras' rules still run, so that a value they cannot build is reported.
    func mapFields(_ record: SourceRecord, keepingExtras: Bool = true) -> Draft {
        var draft = Draft(entity: entity, source: record)
        draft.values.reserveCapacity(fieldPlans.count)
        for index in fieldPlans.indices { mapRule(fieldPlans[index], record, &draft) }
        for index in customFieldPlans.indices {
            let plan = customFieldPlans[index]
            let name = ValueName.prefixed("customFields.", plan.target)
            if let value = evaluate(plan.value, record, &draft, name: name, policy: .field) {
                draft.customFields.append((key: plan.target, value: value.json))
            }
        }
        for index in extraPlans.indices {
            let plan = extraPlans[index]
            let name = ValueName.prefixed("extras.", plan.target)
            if let value = evaluate(plan.value, record, &draft, name: name, policy: .secondary), keepingExtras {
                draft.extras[plan.target] = value.json
            }
        }
        return draft
    }

    /// One rule of `fields` into the draft.
    private func mapRule(_ plan: FieldPlan, _ record: SourceRecord, _ draft: inout Draft) {
        if let entries = plan.entries {
            let values = labeledValues(entries, target: plan.target, record, &draft)
            if !values.isEmpty { setField(.entries(values), plan: plan, &draft) }
            return
        }
        guard let value = evaluate(plan.value, record, &draft, name: .field(plan.target), policy: .field)
        else { return }
        place(value, plan: plan, &draft)
    }

    /// Puts a built value where its target kind says: a field, references, or a user object.
    private func place(_ value: Flow, plan: FieldPlan, _ draft: inout Draft) {
        let kind = plan.kind, target = plan.target
        if let referenceKind = plan.referenceKind {
            // Sized once for the mapping's references (most records have each of them).
            if draft.references.isEmpty { draft.references.reserveCapacity(referencePlans) }
            // Item by item here rather than through `forEachItem`: its closure captures the draft,
            // which is then copied whole for each list of references (a `split` tag list on every
            // row), counted with a uprobe on `swift_retain`.
            switch value {
            case .text(let item):
                if !item.isEmpty { draft.references.append(reference(referenceKind, item, plan: plan)) }
            case .list(let items):
                for item in items { draft.references.append(reference(referenceKind, item, plan: plan)) }
            case .json(let json):
                if let item = json.stringValue { draft.references.append(reference(referenceKind, item, plan: plan)) }
            }
            return
        }
        switch (kind, value) {
        case (.user, .text(let id)):
            setField(.json(.object(["id": .string(id)])), plan: plan, &draft)
        case (.text, .list(let items)) where items.count > 1:
            draft.problems.append(
                problem(
                    draft, target, value.text, .invalidType,
                    "\(items.count) values for a single-valued field", hint: "add a join or first transform"))
        case (.text, .list(let items)):
            setField(items.first.map { .json(.string($0)) }, plan: plan, &draft)
        default:
            setField(.json(value.json), plan: plan, &draft)
        }
    }

    /// Sets the value of a rule's target (nil: none). Only a target an earlier rule set too can
    /// already be in the draft; any other is added without searching the draft's values.
    private func setField(_ value: DraftField.Value?, plan: FieldPlan, _ draft: inout Draft) {
        if plan.sharesTarget {
            draft.set(plan.target, value, rule: plan.position)
        } else if let value {
            draft.values.append(DraftField(target: plan.target, value: value, rule: plan.position))
        }
    }

    /// A reference to `item` by a rule that makes references.
    private func reference(_ kind: DraftReference.Kind, _ item: String, plan: FieldPlan) -> DraftReference {
        DraftReference(
            kind: kind, field: plan.target,
            value: kind == .contact && plan.externalID == nil ? item.lowercasedUnlessLower() : item,
            createIfMissing: plan.createsMissing, pipeline: plan.pipeline, externalID: plan.externalID)
    }

    /// The value of a rule (prepared as a plan): its origin, then its transforms, then its
    /// `fallback` rules and its default when empty. Nil when there is nothing. When a transform
    /// fails, the rule's `onInvalid` (or else `policy`, the default for where the rule is)
    /// decides: the failure is recorded on the draft as a reason to reject it, as a dropped
    /// value, or as one the form decides on (see `FailurePolicy`); or the value goes on as read.
    /// `name` names the value in problems only, spelled out only for one (see `ValueName`).
    func evaluate(
        _ plan: ValuePlan, _ record: SourceRecord, _ draft: inout Draft, name: ValueName, policy: FailurePolicy
    ) -> Flow? {
        var flow: Flow
        switch plan.source {
        case .columns:
            flow = .text(Self.firstNonBlank(plan.columns, record))
        case .template:
            flow = .text(plan.template.map { render($0, record) } ?? "")
        case .constant:
            flow = plan.constant.isNull ? .text("") : .json(plan.constant)
        case .object:
            // Defaults and constants complete an object the source started; alone they make none.
            guard Self.hasSourceValue(plan.rule, record) else { return nil }
            var object: JSONObject = [:]
            let memberPolicy = plan.failurePolicy ?? policy
            for (memberName, member) in plan.members {
                if let value = evaluate(
                    member, record, &draft, name: .member(memberName, of: name), policy: memberPolicy)
                {
                    object[memberName] = value.json
                }
            }
            flow = .json(object.isEmpty ? .null : .object(object))
        case .labeled:
            return nil
        }
        if !flow.isEmpty, !plan.transforms.isEmpty {
            switch plan.transformed(flow, phones: phones) {
            case .success(let value): flow = value
            case .failure(let failure):
                let error = failure.error
                let found = problem(
                    draft, name.text, flow.text, error.reason,
                    "\(plan.transforms[failure.index].name): \(error.message)", hint: error.hint)
                switch error.rejectsRecord ? .reject : plan.failurePolicy ?? policy {
                case .reject:
                    draft.problems.append(found)
                    return nil
                case .keep: break  // the value goes on as read
                case .drop:
                    draft.dropped.append(found)
                    flow = .text("")
                case .dropUnlessRequired:
                    let target = name.target
                    draft.pendingDrops.append(
                        PendingDrop(target: target.name, isCustom: target.isCustom, problem: found))
                    flow = .text("")
                }
            }
        }
        if flow.isEmpty, !plan.alternatives.isEmpty {
            for alternative in plan.alternatives {
                if let value = evaluate(alternative, record, &draft, name: name, policy: policy) { return value }
            }
        }
        if flow.isEmpty, let fallback = plan.fallback {
            flow = fallback.stringValue.map(Flow.text) ?? .json(fallback)
        }
        return flow.isEmpty ? nil : flow
    }

    /// The first value of `columns` in `record` that is not blank, else "". Handed back as found
    /// (a loop that kept it in a variable copied it on the way out).
    static func firstNonBlank(_ columns: [ColumnRead], _ record: SourceRecord) -> String {
        for index in columns.indices {
            if let value = columns[index].value(in: record), !value.isBlank { return value }
        }
        return ""
    }

    /// Whether some source field this rule reads has a value.
    static func hasSourceValue(_ rule: ValueRule, _ record: SourceRecord) -> Bool {
        switch rule.origin {
        case .columns(let columns): return columns.contains { !($0.value(in: record)?.isBlank ?? true) }
        case .template(let template): return template.columns.contains { !($0.value(in: record)?.isBlank ?? true) }
        case .object(let members): return members.contains { hasSourceValue($0.1, record) }
        case .constant, .labeled: return false
        }
    }

    /// `template` rendered for `record`, prepared for this one call (rules are prepared once,
    /// in their plans).
    func render(_ template: Template, _ record: SourceRecord) -> String {
        render(TemplatePlan(template), record)
    }

    func render(_ plan: TemplatePlan, _ record: SourceRecord) -> String {
        var folder = TemplateWhitespaceFolder()
        if let folded = folder.render(plan, record) { return folded }
        let template = plan.template
        // Text where whitespace might be part of a larger Character: joined, then folded by Characters.
        var text = ""
        var anyValue = false
        for part in template.parts {
            switch part {
            case .literal(let literal): text += literal
            case .column(let column):
                if let value = column.value(in: record), !value.isBlank {
                    text += value
                    anyValue = true
                }
            }
        }
        return anyValue ? text.foldingWhitespace() : ""
    }

    func problem(
        _ draft: Draft, _ field: String, _ value: String, _ reason: FieldProblemReason, _ message: String,
        hint: String? = nil
    ) -> RecordProblem {
        RecordProblem(
            provenance: draft.provenance, field: field, value: value, reason: reason, message: message, hint: hint)
    }
}

extension String {
    /// Empty or only whitespace.
    var isBlank: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }
}
