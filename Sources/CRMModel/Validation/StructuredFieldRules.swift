/// Rules of the object-valued field types: `monetary`, `people-picker`, `tag-picker`, `combobox`.
extension FieldValueValidator {
    /// `required` for a missing member, `invalid_type` for an amount that is no number at all,
    /// `invalid_format` for a negative amount or a malformed currency, as the API reports them.
    static func monetary(_ value: JSONValue) -> FieldCheck {
        guard case .object(var object) = value else { return wrongType("an amount {amount, code}", value) }
        var problems: [FieldProblem] = []
        switch object["amount"] {
        case nil, .null?:
            problems.append(FieldProblem(path: ".amount", reason: .required, message: "an amount needs its number"))
        case let amount?:
            let check = number(amount)
            if let number = check.value, (number.doubleValue ?? -1) >= 0 {
                object["amount"] = number
            } else if check.problems.contains(where: { $0.reason == .invalidType }) {
                problems += check.problems.map { $0.nested(in: ".amount") }
            } else {
                problems.append(
                    FieldProblem(path: ".amount", reason: .invalidFormat, message: "the amount must be a number ≥ 0"))
            }
        }
        if object["code"] == nil {
            problems.append(
                FieldProblem(path: ".code", reason: .required, message: "an amount needs its currency code"))
        } else {
            let code = object["code"]?.stringValue ?? ""
            if code.utf8.count != 3 || !code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
                problems.append(
                    FieldProblem(
                        path: ".code", reason: .invalidFormat,
                        message: "the currency must be three upper-case letters (ISO 4217, e.g. USD)"))
            }
        }
        return FieldCheck.outcome(.object(object), problems)
    }

    /// A User `{id, name?, email?}` or an array of them; reduced to those three members.
    static func people(_ value: JSONValue) -> FieldCheck {
        if case .array(let values) = value {
            var users: [JSONValue] = []
            var problems: [FieldProblem] = []
            for (index, element) in values.enumerated() {
                let check = checkUser(element)
                problems += check.problems.map { $0.nested(in: "[\(index)]") }
                if let user = check.value { users.append(user) }
            }
            return FieldCheck.outcome(.array(users), problems)
        }
        return checkUser(value)
    }

    /// One User (api-notes #22) reduced to `{id, name, email}`. Public because the sandbox checks
    /// record members that hold a single user (`creator`, `lastUpdatedBy`) by this rule too. An
    /// integer id is taken as its decimal string; every problem of the user is reported.
    public static func checkUser(_ value: JSONValue) -> FieldCheck {
        guard case .object(let object) = value else { return wrongType("a user {id, name, email}", value) }
        var reduced: JSONObject = [:]
        var problems: [FieldProblem] = []
        switch object["id"] {
        case .string(let id)? where !id.isEmpty: reduced["id"] = .string(id)
        case .integer(let id)?: reduced["id"] = .string(String(id))
        case nil: problems.append(FieldProblem(path: ".id", reason: .required, message: "a user needs a non-empty id"))
        case let other?:
            problems.append(
                FieldProblem(
                    path: ".id", reason: .invalidType, message: "expected a non-empty string id, got \(other.kindName)")
            )
        }
        for key in ["name", "email"] {
            guard let member = object[key], !member.isNull else { continue }
            guard member.stringValue != nil else {
                problems.append(
                    FieldProblem(
                        path: "." + key, reason: .invalidType, message: "expected a string, got \(member.kindName)"))
                continue
            }
            reduced[key] = member
        }
        return FieldCheck.outcome(.object(reduced), problems)
    }

    /// An array of `{id?, label, color?}`; colours `#RGB` or `#RRGGBB`.
    static func tags(_ value: JSONValue) -> FieldCheck {
        guard case .array(let values) = value else { return wrongType("an array of tags {label, color}", value) }
        var problems: [FieldProblem] = []
        for (index, element) in values.enumerated() {
            let path = "[\(index)]"
            guard case .object(let tag) = element else {
                problems += wrongType("a tag {label, color}", element).problems.map { $0.nested(in: path) }
                continue
            }
            if (tag["label"]?.stringValue ?? "").isEmpty {
                problems.append(FieldProblem(path: path + ".label", reason: .required, message: "a tag needs a label"))
            }
            if let color = tag["color"], !color.isNull, !isColor(color.stringValue ?? "") {
                problems.append(
                    FieldProblem(path: path + ".color", reason: .invalidFormat, message: "a colour is #RGB or #RRGGBB"))
            }
        }
        return FieldCheck.outcome(value, problems)
    }

    /// `#RGB` or `#RRGGBB`, hex digits in either case.
    public static func isColor(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (bytes.count == 4 || bytes.count == 7) && bytes[0] == 0x23
            && bytes.dropFirst().allSatisfy(ASCII.isHexDigit)
    }

    /// A non-blank id string, or an object with a non-empty string `id` (api-notes: numbers are
    /// not ids). Whether the id names a record is the server's concern, not a value rule.
    static func combobox(_ value: JSONValue) -> FieldCheck {
        switch value {
        case .string where !value.isEmptyValue: return FieldCheck(value: value)
        case .object(let object) where (object["id"]?.stringValue).map({ !$0.isEmpty }) ?? false:
            return FieldCheck(value: value)
        default: return wrongType("an id (string) or an object with an id", value)
        }
    }
}
