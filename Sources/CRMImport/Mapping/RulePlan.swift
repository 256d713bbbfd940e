import CRMModel

/// A mapping's rules prepared once per mapper: what each rule needs looked up ahead (its target's
/// kind, its reference, its entries' plans), so that mapping a record only reads. Held by
/// reference because rules are large values (strings, arrays, enums with payloads) that a record's
/// mapping should read in place rather than copy.
final class FieldPlan: Sendable {
    /// The rule's target: a default field's id, a custom field's label or id, an extra's name.
    let target: String
    /// The rule's position among its mapping's rules of its kind (`fields`, `customFields`…).
    let position: Int
    /// Whether an earlier rule of `fields` has the same target, so that this rule's value
    /// replaces one already in the draft; otherwise it is added without looking for one.
    let sharesTarget: Bool
    let value: ValuePlan
    /// What the target takes (`TargetField.fields(of:)`), looked up once.
    let kind: TargetField
    /// The entries of a labeled rule (`email`, `phone`); nil for other rules.
    let entries: [EntryPlan]?
    /// `rule.reference`'s members, read without copying the reference rule.
    let referenceKind: DraftReference.Kind?
    let createsMissing: Bool
    let pipeline: String?
    let externalID: ExternalIDKey?

    init(_ rule: FieldRule, position: Int, kind: TargetField, sharesTarget: Bool = false) {
        self.target = rule.target
        self.position = position
        self.sharesTarget = sharesTarget
        self.value = ValuePlan(rule.value)
        self.kind = kind
        self.referenceKind = rule.reference?.kind
        self.createsMissing = rule.reference?.createIfMissing ?? false
        self.pipeline = rule.reference?.pipeline
        self.externalID = rule.reference?.externalID
        if case .labeled(let entries) = rule.value.origin {
            self.entries = entries.map(EntryPlan.init)
        } else {
            self.entries = nil
        }
    }
}

/// One entry of a labeled rule, held by reference for the same reason as `FieldPlan`.
final class EntryPlan: Sendable {
    let entry: LabeledEntryRule
    let value: ValuePlan
    /// `entry.label`, `primary`, `labelColumn` and `labels`, read for every value without
    /// copying the entry's whole rule.
    let label: String?
    let primary: Bool?
    let labelColumn: ColumnRead?
    let labels: [String: String]
    /// For an entry read from every field called `property` (vCards): the rule applied to each
    /// such field, prepared once here rather than per field per record.
    let propertyValue: ValuePlan?
    /// For a `from` + `labelFrom` entry, its columns that a record may hold more than once
    /// (see `Mapper.repeatedColumn`): those not bound to a CSV header, whose names the reader
    /// makes unique. Empty for other entries, and for every entry of a CSV run.
    let repeatableColumns: [String]

    init(_ entry: LabeledEntryRule) {
        self.entry = entry
        self.value = ValuePlan(entry.value)
        self.label = entry.label
        self.primary = entry.primary
        self.labelColumn = entry.labelColumn.map(ColumnRead.init)
        self.labels = entry.labels
        if entry.labelColumn != nil, case .columns(let columns) = entry.value.origin {
            self.repeatableColumns = columns.filter { $0.position == nil && $0.parameter == nil }.map(\.name)
        } else {
            self.repeatableColumns = []
        }
        self.propertyValue = entry.property.map { property in
            ValuePlan(
                ValueRule(
                    origin: .columns([SourceColumn(name: property, location: entry.location)]),
                    transforms: entry.value.transforms, fallback: nil, location: entry.location,
                    onInvalid: entry.value.onInvalid))
        }
    }
}

/// A value rule held by reference, with the rules of an object's members and its fallbacks
/// prepared too, and a template's parts laid out for rendering. Each part of the rule a record's
/// mapping reads is a member of its own, so that reading one (the columns, the transforms)
/// does not copy the rule's whole origin.
final class ValuePlan: Sendable {
    /// Where the value comes from, without the origin's payload (see the members below).
    enum Source: Sendable {
        case columns
        case template
        case constant
        case object
        case labeled
    }

    let rule: ValueRule
    let source: Source
    /// For a `columns` origin, its columns; empty otherwise.
    let columns: [ColumnRead]
    /// A `template` origin's template, prepared (see `TemplatePlan`).
    let template: TemplatePlan?
    /// A `constant` origin's value (null for other origins).
    let constant: JSONValue
    /// For an `object` origin, each member's plan in order; empty otherwise.
    let members: [(name: String, plan: ValuePlan)]
    let transforms: [Transform]
    /// The rule's `fallback` rules, tried in order when it leaves nothing.
    let alternatives: [ValuePlan]
    /// The rule's `onInvalid`, as the policy it sets.
    let failurePolicy: FailurePolicy?
    /// The value given when the rule and its alternatives leave nothing (not null).
    let fallback: JSONValue?

    init(_ rule: ValueRule) {
        self.rule = rule
        var columns: [ColumnRead] = [], template: TemplatePlan?, constant = JSONValue.null
        var members: [(name: String, plan: ValuePlan)] = []
        switch rule.origin {
        case .columns(let list):
            source = .columns
            columns = list.map(ColumnRead.init)
        case .template(let text):
            source = .template
            template = TemplatePlan(text)
        case .constant(let value):
            source = .constant
            constant = value
        case .object(let list):
            source = .object
            members = list.map { (name: $0.0, plan: ValuePlan($0.1)) }
        case .labeled:
            source = .labeled
        }
        self.columns = columns
        self.template = template
        self.constant = constant
        self.members = members
        // Objects of this plan's own: each thread maps with a plan of its own, and a transform
        // is retained for every value it runs on, which costs more when two cores share it.
        self.transforms = rule.transforms.map { Transform(kind: $0.kind, name: $0.name) }
        self.alternatives = rule.alternatives.map(ValuePlan.init)
        self.failurePolicy = rule.onInvalid.map(FailurePolicy.init)
        self.fallback = rule.fallback.flatMap { $0.isNull ? nil : $0 }
    }
}

extension ValuePlan {
    /// A transform that failed: its position among the rule's transforms, and why.
    struct TransformStepFailure: Error {
        let index: Int
        let error: TransformFailure
    }

    /// `input` through the rule's transforms in order, or the first that fails. `input` is left
    /// as read, for a failure's message and for `onInvalid: keep`, without copying it.
    func transformed(_ input: Flow, phones: PhoneTransformer) -> Result<Flow, TransformStepFailure> {
        guard !transforms.isEmpty else { return .success(input) }
        var index = 0
        do throws(TransformFailure) {
            var value = try transforms[0].apply(input, phones: phones)
            index = 1
            while index < transforms.count {
                value = try transforms[index].apply(value, phones: phones)
                index += 1
            }
            return .success(value)
        } catch {
            return .failure(TransformStepFailure(index: index, error: error))
        }
    }
}

/// A template prepared to be rendered for each record: its literal texts and its columns each
/// in a list, and the parts as positions in those lists.
final class TemplatePlan: Sendable {
    enum Part: Sendable {
        case literal(Int)
        case column(Int)
    }

    let template: Template
    let parts: [Part]
    let literals: [String]
    let columns: [ColumnRead]

    init(_ template: Template) {
        self.template = template
        var parts: [Part] = [], literals: [String] = [], columns: [ColumnRead] = []
        for part in template.parts {
            switch part {
            case .literal(let text):
                parts.append(.literal(literals.count))
                literals.append(text)
            case .column(let column):
                parts.append(.column(columns.count))
                columns.append(ColumnRead(column))
            }
        }
        self.parts = parts
        self.literals = literals
        self.columns = columns
    }
}

/// What reading a column of a record takes: its name, parameter and bound position, without
/// where the mapping wrote it (`SourceColumn.location`), so that the plans a record's mapping
/// reads hold nothing it does not need.
struct ColumnRead: Sendable {
    let name: String
    let parameter: String?
    let position: Int?

    init(_ column: SourceColumn) {
        self.name = column.name
        self.parameter = column.parameter
        self.position = column.position
    }

    func value(in record: SourceRecord) -> String? {
        record.value(ofColumn: name, parameter: parameter, position: position)
    }
}
