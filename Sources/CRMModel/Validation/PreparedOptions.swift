/// A dropdown's options with each one's id and label read once. `FormOption.id` and `.label`
/// look into the option's JSON on every access, and naming an option searched them all for
/// every value of every record; a prepared field searches these instead, by the same rules as
/// `FieldValueValidator.optionID(naming:in:)`.
public struct PreparedOptions: Sendable {
    struct Entry: Sendable {
        /// Written as an object `{id, label}`, or else as a plain string (its id and label at
        /// once); options that are neither are never named.
        let isObject: Bool
        let id: String
        let label: String
    }

    let options: [FormOption]
    let entries: [Entry]
    /// Each entry's id by itself, first entry first: a value names a plain option or an
    /// object's id by one lookup instead of a comparison with every option, and gets the
    /// option's own spelling back (the lookup, like `==`, matches canonically equivalent text).
    let ids: [String: String]

    public init(_ options: [FormOption]) {
        self.options = options
        self.entries = options.compactMap { option in
            switch option.json {
            case .string(let plain): return Entry(isObject: false, id: plain, label: plain)
            case .object: return Entry(isObject: true, id: option.id, label: option.label)
            default: return nil
            }
        }
        self.ids = Dictionary(entries.map { ($0.id, $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    /// `FieldValueValidator.optionID(naming:in:)`: plain options by equality, object options by
    /// id, then object options by label ignoring case.
    func id(naming text: String) -> String? {
        if let id = ids[text] { return id }
        for entry in entries where entry.isObject {
            if entry.label.equalsIgnoringCase(text) { return entry.id }
        }
        return nil
    }
}
