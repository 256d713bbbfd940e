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
    let entries: [EntryPlan]?

    init(_ rule: FieldRule, kind: TargetField) {
        self.rule = rule
        self.value = ValuePlan(rule.value)
        self.kind = kind
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

    init(_ entry: LabeledEntryRule) {
        self.entry = entry
        self.value = ValuePlan(entry.value)
        self.propertyValue = entry.property.map { property in
            ValuePlan(ValueRule(origin: .columns([SourceColumn(name: property, location: entry.location)]),
                                transforms: entry.value.transforms, fallback: nil, location: entry.location))
        }
    }
}

/// A value rule held by reference (passed to `Mapper.evaluate` as one pointer, its members read
/// in place), with the rules of an object's members prepared too.
///
/// The columns of a `columns` origin and the transforms are also copied into buffers the plan
/// owns. Read out of the rule, each array was retained and released, and each column and
/// transform copied, for every rule of every record: a tenth of mapping's time went to
/// reference counts. Read through the buffers, nothing is retained. The buffers are written
/// once, in `init`, and freed in `deinit`; hence `@unchecked Sendable`.
final class ValuePlan: @unchecked Sendable {
    let rule: ValueRule
    /// For an `object` origin, each member's plan in order; empty otherwise.
    let members: [(name: String, plan: ValuePlan)]
    /// For a `columns` origin, its columns; empty otherwise.
    let columns: UnsafeMutableBufferPointer<SourceColumn>
    let transforms: UnsafeMutableBufferPointer<Transform>

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
        self.transforms = .allocate(capacity: rule.transforms.count)
        _ = self.transforms.initialize(from: rule.transforms)
    }

    deinit {
        columns.deinitialize().deallocate()
        transforms.deinitialize().deallocate()
    }
}
