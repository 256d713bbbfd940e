/// A mapping's rules held by reference, prepared once per mapper. Rules are value types with
/// many members (strings, arrays, enums with payloads); reading one out of the mapping for
/// each record copied it, retaining and releasing every member, which cost more than some of
/// the rules' own work. A plan is read through one pointer, and the rule inside it in place.
final class FieldPlan: Sendable {
    let rule: FieldRule
    let value: ValuePlan
    /// What the target takes (`TargetField.fields(of:)`), looked up once.
    let kind: TargetField
    /// The entries of a labeled rule (`email`, `phone`); nil for other rules.
    let entries: LentList<EntryPlan>?
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
            self.entries = LentList(entries.map(EntryPlan.init))
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

/// A value rule held by reference (passed to `Mapper.evaluate` as one pointer, its members read
/// in place), with the rules of an object's members prepared too.
///
/// The columns of a `columns` origin are also copied into a buffer the plan owns, and the
/// transforms into a list that lends them (`LentList`). Read out of the rule, each array was
/// retained and released, and each column and transform copied, for every rule of every
/// record: a tenth of mapping's time went to reference counts. The buffer is written once, in
/// `init`, and freed in `deinit`; hence `@unchecked Sendable`.
final class ValuePlan: @unchecked Sendable {
    let rule: ValueRule
    /// For an `object` origin, each member's plan in order; empty otherwise.
    let members: [(name: String, plan: ValuePlan)]
    /// For a `columns` origin, its columns; empty otherwise.
    let columns: UnsafeMutableBufferPointer<SourceColumn>
    /// The rule's transforms, each held by a class (see `TransformStep`).
    let transforms: LentList<TransformStep>
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
            self.columns = .allocate(capacity: columns.count)
            _ = self.columns.initialize(from: columns)
        } else {
            self.columns = .allocate(capacity: 0)
        }
        if case .template(let template) = rule.origin {
            self.template = TemplatePlan(template)
        } else {
            self.template = nil
        }
        self.transforms = LentList(rule.transforms.map(TransformStep.init))
        self.alternatives = rule.alternatives.map(ValuePlan.init)
    }

    deinit {
        columns.deinitialize().deallocate()
    }
}

/// One transform of a plan, held by a class. A transform read out of a buffer to be applied was
/// copied first (every member of its kind retained, then released) because nothing proves the
/// buffer unchanged during the call; the `let` of a class is immutable, so the transform is
/// applied where it is stored.
final class TransformStep: Sendable {
    let transform: Transform

    init(_ transform: Transform) {
        self.transform = transform
    }

    /// `transform.apply`, its failure as a value (so that it can be run through `lent`).
    func run(_ flow: Flow, phones: PhoneTransformer) -> Result<Flow, TransformFailure> {
        do throws(TransformFailure) {
            return .success(try transform.apply(flow, phones: phones))
        } catch {
            return .failure(error)
        }
    }
}

/// A template prepared to be rendered for each record: its parts as positions in buffers the
/// plan owns, so that walking them copies nothing. Read out of the template's array, each part
/// was copied (its column's name and location retained, then released) for every part of
/// every record. Written once, in `init`; hence `@unchecked Sendable`.
final class TemplatePlan: @unchecked Sendable {
    enum Part {
        case literal(Int)
        case column(Int)
    }

    let template: Template
    let parts: [Part]
    let literals: UnsafeMutableBufferPointer<String>
    let columns: UnsafeMutableBufferPointer<SourceColumn>

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
        self.literals = .allocate(capacity: literals.count)
        _ = self.literals.initialize(from: literals)
        self.columns = .allocate(capacity: columns.count)
        _ = self.columns.initialize(from: columns)
    }

    deinit {
        literals.deinitialize().deallocate()
        columns.deinitialize().deallocate()
    }
}
