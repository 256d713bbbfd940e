/// A mapping's rules held by reference, prepared once per mapper. Rules are value types with
/// many members (strings, arrays, enums with payloads); reading one out of the mapping for
/// each record copied it, retaining and releasing every member, which cost more than some of
/// the rules' own work. A plan is read through one pointer, and the rule inside it in place.
final class FieldPlan: Sendable {
    let rule: FieldRule
    /// What the target takes (`TargetField.fields(of:)`), looked up once.
    let kind: TargetField
    /// The entries of a labeled rule (`email`, `phone`); nil for other rules.
    let entries: [EntryPlan]?

    init(_ rule: FieldRule, kind: TargetField) {
        self.rule = rule
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

    init(_ entry: LabeledEntryRule) { self.entry = entry }
}
