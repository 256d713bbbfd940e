import CRMModel

/// Checks one value against one field type (api-notes "Validation rules per field type") and
/// returns it in its stored shape, or nil after recording why it is invalid. `null` is always
/// accepted (no value); whether a value is required is the caller's concern.
enum FieldValidator {
    static func validate(
        _ value: JSONValue, type: FieldType, field: FormField?, path: String, singleChoice: Bool = false,
        problems: inout ValidationProblems
    ) -> JSONValue? {
        if value == .null { return .null }
        switch type {
        case .text: return text(value, max: 1000, path: path, problems: &problems)
        case .textArea: return text(value, max: 65535, path: path, problems: &problems)
        case .email:
            return scalar(value, path: path, problems: &problems) { text in
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return ValueFormats.isEmail(trimmed) ? .string(trimmed) : nil
            }
        case .tel:
            return scalar(value, path: path, problems: &problems) { text in
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return ValueFormats.isTelephone(trimmed) ? .string(trimmed) : nil
            }
        case .url: return scalar(value, path: path, problems: &problems) { ValueFormats.isURL($0) ? .string($0) : nil }
        case .date: return scalar(value, path: path, problems: &problems) { ValueFormats.isDate($0) ? .string($0) : nil }
        case .time: return scalar(value, path: path, problems: &problems) { ValueFormats.isTime($0) ? .string($0) : nil }
        case .dateTime: return scalar(value, path: path, problems: &problems) { ValueFormats.dateTime($0) != nil ? .string($0) : nil }
        case .number: return number(value, path: path, problems: &problems)
        case .dateRange:
            return range(value, path: path, problems: &problems) { start, end in
                guard let from = ValueFormats.dateKey(Substring(start)), let to = ValueFormats.dateKey(Substring(end)) else { return nil }
                return from <= to
            }
        case .timeRange:
            return range(value, path: path, problems: &problems) { start, end in
                ValueFormats.isTime(start) && ValueFormats.isTime(end) ? true : nil
            }
        case .dateTimeRange:
            return range(value, path: path, problems: &problems) { start, end in
                guard let from = ValueFormats.dateTime(start), let to = ValueFormats.dateTime(end) else { return nil }
                switch (from.instant, to.instant) {
                case let (a?, b?): return a <= b
                case (nil, nil): return from.wallSeconds <= to.wallSeconds
                default: return true
                }
            }
        case .emailLabeled: return labeled(value, field: field, path: path, isEmail: true, problems: &problems)
        case .telLabeled: return labeled(value, field: field, path: path, isEmail: false, problems: &problems)
        case .dropdown: return dropdown(value, field: field, path: path, singleChoice: singleChoice, problems: &problems)
        case .monetary: return monetary(value, path: path, problems: &problems)
        case .peoplePicker:
            if case .array(let entries) = value {
                var users: [JSONValue] = []
                for (index, entry) in entries.enumerated() {
                    if let user = user(entry, path: "\(path)[\(index)]", problems: &problems) { users.append(user) }
                }
                return users.count == entries.count ? .array(users) : nil
            }
            return user(value, path: path, problems: &problems)
        case .tagPicker: return tagPicker(value, path: path, problems: &problems)
        case .combobox:
            switch value {
            case .string(let id) where !id.trimmingCharacters(in: .whitespaces).isEmpty: return value
            case .object(let object) where object["id"]?.stringValue.map({ !$0.isEmpty }) ?? false: return value
            default:
                problems.add(path, .invalidType)
                return nil
            }
        case .other:
            return value
        }
    }

    static func text(_ value: JSONValue, max: Int, path: String, problems: inout ValidationProblems) -> JSONValue? {
        guard case .string(let text) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        guard text.count <= max else {
            problems.add(path, .tooLong)
            return nil
        }
        return value
    }

    private static func scalar(
        _ value: JSONValue, path: String, problems: inout ValidationProblems, _ check: (String) -> JSONValue?
    ) -> JSONValue? {
        guard case .string(let text) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        guard let normalised = check(text) else {
            problems.add(path, .invalidFormat)
            return nil
        }
        return normalised
    }

    static func number(_ value: JSONValue, path: String, problems: inout ValidationProblems) -> JSONValue? {
        switch value {
        case .integer: return value
        case .double(let number) where number.isFinite: return value
        case .string(let text):
            guard let number = ValueFormats.number(from: text) else {
                problems.add(path, .invalidFormat)
                return nil
            }
            return number.json
        default:
            problems.add(path, .invalidType)
            return nil
        }
    }

    /// `{start, end}`, both present; `ordered` returns nil for a bad format, false for end < start.
    private static func range(
        _ value: JSONValue, path: String, problems: inout ValidationProblems, _ ordered: (String, String) -> Bool?
    ) -> JSONValue? {
        guard case .object(let object) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        guard let start = object["start"]?.stringValue, let end = object["end"]?.stringValue else {
            if object["start"]?.stringValue == nil { problems.add("\(path).start", .required) }
            if object["end"]?.stringValue == nil { problems.add("\(path).end", .required) }
            return nil
        }
        switch ordered(start, end) {
        case nil:
            problems.add(path, .invalidFormat)
            return nil
        case false?:
            problems.add("\(path).end", .invalidFormat)
            return nil
        case true?:
            return .object(["start": .string(start), "end": .string(end)])
        }
    }

    private static func monetary(_ value: JSONValue, path: String, problems: inout ValidationProblems) -> JSONValue? {
        guard case .object(let object) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        var result: JSONObject = [:]
        var valid = true
        if let amount = object["amount"], amount != .null {
            if let number = number(amount, path: "\(path).amount", problems: &problems) {
                if (number.doubleValue ?? -1) >= 0 {
                    result["amount"] = number
                } else {
                    problems.add("\(path).amount", .invalidFormat)
                    valid = false
                }
            } else {
                valid = false
            }
        } else {
            problems.add("\(path).amount", .required)
            valid = false
        }
        if let code = object["code"]?.stringValue, code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            result["code"] = .string(code)
        } else {
            problems.add("\(path).code", object["code"] == nil ? .required : .invalidFormat)
            valid = false
        }
        return valid ? .object(result) : nil
    }

    /// A User (api-notes #22): a non-empty string `id`, optional string `name` and `email`;
    /// other members are dropped.
    static func user(_ value: JSONValue, path: String, problems: inout ValidationProblems) -> JSONValue? {
        guard case .object(let object) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        var result: JSONObject = [:]
        var valid = true
        if let id = object["id"]?.stringValue, !id.isEmpty {
            result["id"] = .string(id)
        } else if let id = object["id"]?.int64Value {
            result["id"] = .string(String(id))
        } else {
            problems.add("\(path).id", object["id"] == nil ? .required : .invalidType)
            valid = false
        }
        for member in ["name", "email"] {
            guard let memberValue = object[member], memberValue != .null else { continue }
            if case .string = memberValue { result[member] = memberValue } else {
                problems.add("\(path).\(member)", .invalidType)
                valid = false
            }
        }
        return valid ? .object(result) : nil
    }

    private static func tagPicker(_ value: JSONValue, path: String, problems: inout ValidationProblems) -> JSONValue? {
        guard case .array(let entries) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        var valid = true
        for (index, entry) in entries.enumerated() {
            guard case .object(let object) = entry else {
                problems.add("\(path)[\(index)]", .invalidType)
                valid = false
                continue
            }
            if object["label"]?.stringValue.map({ !$0.isEmpty }) != true {
                problems.add("\(path)[\(index)].label", .required)
                valid = false
            }
            if let color = object["color"], color != .null, !(color.stringValue.map(isColor) ?? false) {
                problems.add("\(path)[\(index)].color", .invalidFormat)
                valid = false
            }
        }
        return valid ? value : nil
    }

    static func isColor(_ text: String) -> Bool {
        guard text.first == "#" else { return false }
        let hex = text.dropFirst()
        return (hex.count == 3 || hex.count == 6) && hex.allSatisfy(\.isHexDigit)
    }

    /// A dropdown value: one option or (multi-select custom fields) an array of options, each
    /// stored as the option's id.
    private static func dropdown(
        _ value: JSONValue, field: FormField?, path: String, singleChoice: Bool, problems: inout ValidationProblems
    ) -> JSONValue? {
        let options = field?.options ?? []
        func resolve(_ text: String, _ path: String) -> JSONValue? {
            if let option = options.first(where: { $0.json.stringValue == text })
                ?? options.first(where: { $0.json.stringValue == nil && $0.id == text })
                ?? options.first(where: { $0.label.caseInsensitiveCompare(text) == .orderedSame })
            {
                return .string(option.id)
            }
            problems.add(path, .unknownOption)
            return nil
        }
        switch value {
        case .string(let text): return resolve(text, path)
        case .array(let entries) where !singleChoice:
            var resolved: [JSONValue] = []
            for (index, entry) in entries.enumerated() {
                guard case .string(let text) = entry else {
                    problems.add("\(path)[\(index)]", .invalidType)
                    continue
                }
                if let id = resolve(text, "\(path)[\(index)]") { resolved.append(id) }
            }
            return resolved.count == entries.count ? .array(resolved) : nil
        default:
            problems.add(path, .invalidType)
            return nil
        }
    }

    /// Labeled e-mails or phones: label among the field's `labelOptions` (stored in the option's
    /// spelling; default `Other` or the first option), at most one primary (the first becomes
    /// primary when none is), no duplicate values.
    private static func labeled(
        _ value: JSONValue, field: FormField?, path: String, isEmail: Bool, problems: inout ValidationProblems
    ) -> JSONValue? {
        guard case .array(let entries) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        guard entries.count <= 50 else {
            problems.add(path, .tooLong)
            return nil
        }
        let labelOptions = field?.labelOptions ?? []
        let defaultLabel = labelOptions.first { $0.caseInsensitiveCompare("Other") == .orderedSame } ?? labelOptions.first
        var result: [JSONValue] = []
        var seen = Set<String>()
        var primaries = 0
        let before = problems.details.count
        for (index, entry) in entries.enumerated() {
            let entryPath = "\(path)[\(index)]"
            guard case .object(let object) = entry else {
                problems.add(entryPath, .invalidType)
                continue
            }
            var stored: JSONObject = [:]
            switch object["label"] {
            case nil, .null?:
                stored["label"] = defaultLabel.map(JSONValue.string) ?? .null
            case .string(let label)?:
                if labelOptions.isEmpty {
                    stored["label"] = .string(label)
                } else if let option = labelOptions.first(where: { $0.caseInsensitiveCompare(label) == .orderedSame }) {
                    stored["label"] = .string(option)
                } else {
                    problems.add("\(entryPath).label", .unknownOption)
                }
            default:
                problems.add("\(entryPath).label", .invalidType)
            }
            if let text = object["value"]?.stringValue {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                let valid = isEmail ? ValueFormats.isEmail(trimmed) : ValueFormats.isTelephone(trimmed)
                if valid {
                    stored["value"] = .string(trimmed)
                    let key = isEmail ? trimmed.lowercased() : ValueFormats.digits(of: trimmed)
                    if !seen.insert(key).inserted { problems.add("\(entryPath).value", .duplicate) }
                } else {
                    problems.add("\(entryPath).value", .invalidFormat)
                }
            } else {
                problems.add("\(entryPath).value", object["value"] == nil || object["value"] == .null ? .required : .invalidType)
            }
            switch object["primary"] {
            case nil, .null?: stored["primary"] = false
            case .bool(let primary)?:
                stored["primary"] = .bool(primary)
                if primary { primaries += 1 }
            default: problems.add("\(entryPath).primary", .invalidType)
            }
            result.append(.object(stored))
        }
        if primaries > 1 { problems.add(path, .duplicate) }
        guard problems.details.count == before else { return nil }
        if primaries == 0, case .object(var first)? = result.first {
            first["primary"] = true
            result[0] = .object(first)
        }
        return .array(result)
    }
}
