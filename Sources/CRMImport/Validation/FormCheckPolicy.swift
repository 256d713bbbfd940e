import CRMModel

/// What a value the live form refuses costs (an option the form does not have, a number out of
/// range, a text too long), decided per target by the mapping rule's `onInvalid` exactly as for a
/// value the rule's transforms could not handle (`FailurePolicy`): a value only the form check
/// catches must not cost more than one the mapping catches. A required field's bad value rejects
/// the record unless the rule's `default` is one the form takes; an optional field's bad value is
/// dropped (its `default` used when the form takes it), unless the rule says `onInvalid: reject`
/// (or `keep`, which hands the decision to the form: the form refuses).
struct FormCheckPolicy: Sendable {
    struct Rule: Sendable {
        var onInvalid: InvalidValuePolicy?
        /// The rule's `default:`, used instead of a dropped value when the form takes it.
        var fallback: JSONValue?
    }

    enum Outcome {
        case reject
        /// The value is left out of the record.
        case drop
        /// The value is replaced by the rule's default, as the form stores it.
        case replace(JSONValue)
    }

    private let fields: [String: Rule]
    private let customFields: [String: Rule]

    init(mapping: Mapping) {
        func rules(_ list: [FieldRule]) -> [String: Rule] {
            var result: [String: Rule] = [:]
            for rule in list {
                result[rule.target] = Rule(onInvalid: rule.value.onInvalid, fallback: rule.value.fallback)
            }
            return result
        }
        fields = rules(mapping.fields)
        customFields = rules(mapping.customFields)
    }

    /// What to do with a value of `target` (a default field's id, or a custom field's key as the
    /// mapping writes it) that `field` refused.
    func outcome(target: String, isCustom: Bool, field: PreparedFormField) -> Outcome {
        // Labeled e-mails and phones are checked entry by entry, each entry with the mapping's
        // own defaults (`FailurePolicy`): the list as a whole is not one value to drop.
        if field.type == .emailLabeled || field.type == .telLabeled { return .reject }
        let rule = isCustom ? customFields[target] : fields[target]
        switch rule?.onInvalid ?? (field.isRequired ? .reject : .drop) {
        case .reject, .keep:
            return .reject
        case .drop:
            if let fallback = rule?.fallback, !fallback.isNull {
                let check = FieldValueValidator.check(fallback, for: field)
                if check.isValid { return .replace(check.value ?? fallback) }
            }
            return field.isRequired ? .reject : .drop
        }
    }
}
