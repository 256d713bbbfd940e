/// One entry of an e-mail or phone list (`email_labeled`, `tel_labeled`) as an importer builds
/// it: the JSON object `{value, label, primary}` without the object, for checks that only want
/// to know whether the CRM would take the list.
public struct LabeledEntry: Sendable, Hashable {
    public var value: String
    public var label: String?
    public var primary: Bool

    public init(value: String, label: String?, primary: Bool) {
        self.value = value
        self.label = label
        self.primary = primary
    }

    /// The entry as the API takes it: `{value, label, primary}` (no `label` when there is none).
    public var json: JSONValue {
        guard let label else { return .object(["value": .string(value), "primary": .bool(primary)]) }
        return .object(["value": .string(value), "label": .string(label), "primary": .bool(primary)])
    }
}

extension FieldValueValidator {
    /// The problems `check(.array(entries.map(\.json)), for: prepared)` finds, without building
    /// the JSON; nil when the field does not take entries or there are none (then check the JSON).
    public static func entryProblems(_ entries: [LabeledEntry], for prepared: PreparedFormField) -> [FieldProblem]? {
        guard !entries.isEmpty, let rules = entryRules(prepared.type) else { return nil }
        return labeledEntryProblems(
            entries, labelOptions: prepared.labelOptions, element: rules.element, identity: rules.identity)
    }

    /// Whether an entry of a labeled field may carry `label` (nil: none written), as
    /// `entryProblems` judges it.
    public static func takesLabel(_ label: String?, for prepared: PreparedFormField) -> Bool {
        guard case .success = self.label(label.map(JSONValue.string), options: prepared.labelOptions) else {
            return false
        }
        return true
    }

    /// Whether an entry of a labeled field may have `value`, as `entryProblems` judges it
    /// (an e-mail or phone number the form takes); false for a field that takes no entries.
    public static func takesEntryValue(_ value: String, for prepared: PreparedFormField) -> Bool {
        guard let rules = entryRules(prepared.type) else { return false }
        return rules.element(.string(value)).problems.isEmpty
    }

    /// How the entries of a labeled field type are checked and compared for repeats.
    static func entryRules(_ type: FieldType) -> (element: (JSONValue) -> FieldCheck, identity: EntryIdentity)? {
        switch type {
        case .emailLabeled: return (email, .caseless)
        case .telLabeled: return (telephone, .digits)
        default: return nil
        }
    }
}
