import CRMModel

/// The mapping's `email` and `phone` rules whose lists need fewer checks than a list from
/// anywhere: a list such a rule builds can hold no repeat, no second primary and no label the
/// form refuses, and, for e-mail, no address the form refuses. Found once per run, so the
/// validator checks those lists for what is left (their length; each phone's syntax) instead
/// of entry by entry: checking every entry in full is a tenth of a validation run's time.
///
/// Why each holds, for a rule that is the only one setting its target (a later rule with the
/// same target would replace the list but not the rule it is marked with):
/// - repeats and primaries: the mapper's `EntryList` drops a value equal to an earlier one,
///   compared as the form compares them (ignoring case for e-mails, by digits for phones),
///   and keeps only the first primary;
/// - labels: every label the rule can write is known here (each entry's `label`, or for a vCard
///   property entry the values of its `labels`, or none) and each is one the form takes; an entry
///   that copies its label from a column (`labelFrom` without `label`) can write any text, so its
///   rule gets the full check;
/// - e-mail values: every entry's last transform is `email`, with no `default`, no `fallback`
///   rules and no `onInvalid: keep`, so every value is an output of that transform, which
///   refuses what `EmailSyntax` refuses. Such an address has no whitespace at either end (its
///   local part has no ASCII whitespace, its last label only letters), so the form's check
///   takes it as it is. Phones are still checked one by one: the `phone` transform keeps
///   numbers longer than the form's twenty digits.
///
/// `CheckedEntryRulesTests` compares the verdicts with those of full checks of the same drafts
/// as JSON on rules and rows made to break each point, `FastPathEquivalenceTests` on the shipped
/// mappings and generated rows.
struct CheckedEntryRules: Sendable {
    /// What still has to be checked in a list a rule built.
    enum Remaining: Sendable {
        /// The list's length only.
        case length
        /// The length and each value's syntax (the field's element rule).
        case lengthAndValues
    }

    /// By the position of a rule in `Mapping.fields`: the form field its lists were judged
    /// against (compared by identity, so a case type's form gets the full check) and what remains.
    private let byRule: [(field: PreparedFormField, remaining: Remaining)?]

    init(mapping: Mapping, form: PreparedForm?) {
        let fields = mapping.fields
        byRule = fields.map { rule in
            guard let form, case .labeled(let entries) = rule.value.origin,
                fields.lazy.filter({ $0.target == rule.target }).count == 1,
                let position = form.positions[rule.target]
            else { return nil }
            let field = form.fields[position]
            let remaining: Remaining
            switch (rule.target, field.type) {
            case ("email", .emailLabeled):
                guard entries.allSatisfy({ Self.alwaysEndsWithEmail($0.value) }) else { return nil }
                remaining = .length
            case ("phone", .telLabeled): remaining = .lengthAndValues
            default: return nil
            }
            guard entries.allSatisfy({ Self.labelsAreTaken($0, by: field) }) else { return nil }
            return (field, remaining)
        }
    }

    /// What remains to check in the lists the rule at `rule` builds; nil: the full check.
    func remaining(rule: Int) -> Remaining? {
        rule < byRule.count ? byRule[rule]?.remaining : nil
    }

    /// Whether `entries`, the list the rule at `rule` built, has nothing the form `field` would
    /// refuse; false also when that is not known without the full check.
    func certainlyValid(_ entries: [LabeledEntry], rule: Int?, field: PreparedFormField) -> Bool {
        guard let rule, rule < byRule.count, let (judged, remaining) = byRule[rule], judged === field,
            entries.count <= FieldValueValidator.maximumLabeledValues
        else { return false }
        switch remaining {
        case .length: return true
        case .lengthAndValues: return entries.allSatisfy { FieldValueValidator.takesEntryValue($0.value, for: field) }
        }
    }

    /// Whether every value `rule` gives is an output of the `email` transform (see the type's
    /// comment).
    private static func alwaysEndsWithEmail(_ rule: ValueRule) -> Bool {
        guard case .email? = rule.transforms.last?.kind else { return false }
        return rule.fallback == nil && rule.alternatives.isEmpty && rule.onInvalid != .keep
    }

    /// Whether every label `entry` can write is one `field` takes as it is written.
    private static func labelsAreTaken(_ entry: LabeledEntryRule, by field: PreparedFormField) -> Bool {
        let written: [String?]
        if let label = entry.label {
            written = [label]
        } else if entry.property != nil {
            written = entry.labels.values.map { $0 } + [nil]
        } else if entry.labelColumn != nil {
            return false
        } else {
            written = [nil]
        }
        return written.allSatisfy { FieldValueValidator.takesLabel($0, for: field) }
    }
}
