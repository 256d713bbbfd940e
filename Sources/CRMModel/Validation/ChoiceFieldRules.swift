/// Rules of `dropdown`: each value names an option (plain-string options by equality, `{id,
/// label}` options by id, else by label ignoring case) and is stored as the option's id. Default
/// dropdown fields (`leadRating`, `size`, …) take one value; custom ones may take several.
extension FieldValueValidator {
    static func dropdown(_ value: JSONValue, options: [FormOption], category: FieldCategory?) -> FieldCheck {
        dropdown(value, options: PreparedOptions(options), category: category)
    }

    static func dropdown(_ value: JSONValue, options prepared: PreparedOptions, category: FieldCategory?) -> FieldCheck
    {
        let options = prepared.options
        switch value {
        case .string(let text):
            guard let id = prepared.id(naming: text) else { return unknownOption(text, options) }
            return FieldCheck(value: .string(id))
        case .array(let values) where category != .default:
            var ids: [JSONValue] = []
            var problems: [FieldProblem] = []
            for (index, element) in values.enumerated() {
                guard case .string(let text) = element else {
                    problems += wrongType("a string", element).problems.map { $0.nested(in: "[\(index)]") }
                    continue
                }
                guard let id = prepared.id(naming: text) else {
                    problems += unknownOption(text, options).problems.map { $0.nested(in: "[\(index)]") }
                    continue
                }
                ids.append(.string(id))
            }
            return FieldCheck.outcome(.array(ids), problems)
        case .array:
            return wrongType("one option (a string); this field takes a single choice", value)
        default:
            return wrongType("an option (a string)", value)
        }
    }

    /// The id of the option `text` names, or nil.
    public static func optionID(naming text: String, in options: [FormOption]) -> String? {
        for option in options {
            switch option.json {
            case .string(let plain) where plain == text: return plain
            case .object where option.id == text: return option.id
            default: continue
            }
        }
        for option in options where option.json.objectValue != nil {
            if option.label.equalsIgnoringCase(text) { return option.id }
        }
        return nil
    }

    static func unknownOption(_ text: String, _ options: [FormOption]) -> FieldCheck {
        let known = options.prefix(12).map { option in
            option.id == option.label ? option.id : "\(option.label) (\(option.id))"
        }
        let more = options.count > 12 ? ", …" : ""
        return .refused(.unknownOption, "'\(text)' is not an option; options: \(known.joined(separator: ", "))\(more)")
    }
}

extension String {
    /// Equal ignoring ASCII and Unicode case, without building lower-cased copies for ASCII text.
    public func equalsIgnoringCase(_ other: String) -> Bool {
        if utf8.count == other.utf8.count, utf8.elementsEqual(other.utf8, by: { ASCII.lower($0) == ASCII.lower($1) }) {
            return true
        }
        guard !utf8.allSatisfy({ $0 < 0x80 }) || !other.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        return lowercased() == other.lowercased()
    }
}
