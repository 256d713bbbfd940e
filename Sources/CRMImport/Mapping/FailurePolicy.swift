/// What the mapper does with a value a rule's transforms cannot handle: the rule's own
/// `onInvalid`, or the default for where the rule is.
///
/// The defaults follow from what a record can lose: a required field's value cannot be left
/// out, so only the form (which the validator holds) can say whether a field's bad value costs
/// the record; extras are never sent and a second e-mail or phone is never the only one, so
/// their bad values are dropped at once. Every drop is counted and listed, never silent.
enum FailurePolicy: Sendable {
    case reject
    case drop
    case keep
    /// Dropped when the target is optional in the CRM's form, rejected when it is required.
    case dropUnlessRequired

    init(_ policy: InvalidValuePolicy) {
        switch policy {
        case .reject: self = .reject
        case .drop: self = .drop
        case .keep: self = .keep
        }
    }

    /// The default for a rule of `fields` or `customFields`, and for the first entry of a list.
    static let field = FailurePolicy.dropUnlessRequired
    /// The default for `extras` and for the entries after the first of a list.
    static let secondary = FailurePolicy.drop
}
