import CRMModel

/// The values of a draft's match keys, normalised so that equal people compare equal:
/// e-mails lower-cased, phones as digits, other text case-folded with single spaces.
enum MatchKeyBuilder {
    /// The keys whose every target has a value, in the mapping's order.
    static func values(_ keys: [MatchKeyRule], of draft: Draft) -> [MatchKeyValue] {
        var found: [MatchKeyValue] = []
        keys: for key in keys {
            var values: [String] = []
            for target in key.targets {
                guard let value = value(of: target, in: draft), !value.isEmpty else { continue keys }
                values.append(value)
            }
            found.append(MatchKeyValue(targets: key.targets, values: values))
        }
        return found
    }

    static func value(of target: String, in draft: Draft) -> String? {
        if target.hasPrefix("extras.") {
            return draft.extras[String(target.dropFirst(7))].map(text)?.foldingWhitespace().lowercasedUnlessLower()
        }
        if let reference = draft.references.first(where: { $0.field == target }) {
            return reference.value.foldingWhitespace().lowercasedUnlessLower()
        }
        switch draft.value(of: target) {
        case nil: return nil
        case .entries(let entries)?:
            guard let primary = entries.first(where: \.primary) ?? entries.first else { return nil }
            // The primary entry by the key its list is compared by (phones by digits, e-mails
            // ignoring case).
            return (target == "phone" ? EntryIdentity.digits : .caseless).key(of: primary.value)
        case .json(let value)?:
            if case .array(let entries) = value {
                let primary = entries.first(where: isPrimary) ?? entries.first
                guard case .object(let entry)? = primary, case .string(let text)? = entry["value"] else { return nil }
                return (target == "phone" ? EntryIdentity.digits : .caseless).key(of: text)
            }
            return text(value).foldingWhitespace().lowercasedUnlessLower()
        }
    }

    /// `entry["primary"] == true`.
    private static func isPrimary(_ entry: JSONValue) -> Bool {
        guard case .object(let object) = entry, case .bool(true)? = object["primary"] else { return false }
        return true
    }

    static func text(_ value: JSONValue) -> String { value.stringValue ?? value.description }
}
