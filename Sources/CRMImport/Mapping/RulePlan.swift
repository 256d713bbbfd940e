/// A mapping's rules prepared once per mapper: what each rule needs looked up ahead (its target's
/// kind, its reference, its entries' plans), so that mapping a record only reads. Held by
/// reference because rules are large values (strings, arrays, enums with payloads) that a record's
/// mapping should read in place rather than copy.
final class FieldPlan: Sendable {
    let rule: FieldRule
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

    init(_ rule: FieldRule, kind: TargetField) {
        self.rule = rule
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
/// prepared too, and a template's parts laid out for rendering.
final class ValuePlan: Sendable {
    let rule: ValueRule
    /// For an `object` origin, each member's plan in order; empty otherwise.
    let members: [(name: String, plan: ValuePlan)]
    /// For a `columns` origin, its columns; empty otherwise.
    let columns: [SourceColumn]
    let transforms: [Transform]
    /// A `template` origin's template, prepared (see `TemplatePlan`).
    let template: TemplatePlan?
    /// The rule's `fallback` rules, tried in order when it leaves nothing.
    let alternatives: [ValuePlan]

    init(_ rule: ValueRule) {
        self.rule = rule
        if case .object(let members) = rule.origin {
            self.members = members.map { (name: $0.0, plan: ValuePlan($0.1)) }
        } else {
            self.members = []
        }
        if case .columns(let columns) = rule.origin {
            self.columns = columns
        } else {
            self.columns = []
        }
        if case .template(let template) = rule.origin {
            self.template = TemplatePlan(template)
        } else {
            self.template = nil
        }
        self.transforms = rule.transforms
        self.alternatives = rule.alternatives.map(ValuePlan.init)
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
    let columns: [SourceColumn]

    init(_ template: Template) {
        self.template = template
        var parts: [Part] = [], literals: [String] = [], columns: [SourceColumn] = []
        for part in template.parts {
            switch part {
            case .literal(let text):
                parts.append(.literal(literals.count))
                literals.append(text)
            case .column(let column):
                parts.append(.column(columns.count))
                columns.append(column)
            }
        }
        self.parts = parts
        self.literals = literals
        self.columns = columns
    }
}
