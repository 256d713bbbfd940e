import CRMModel

/// The sandbox's side of field-value validation. The rules themselves are `CRMModel`'s
/// `FieldValueValidator`, shared with the importer's client-side checks, so a value the importer
/// accepts is one the sandbox stores; this only places its problems at the body's paths
/// (`customFields.f_emails[0].label`) in the sandbox's `details`.
enum FieldValueChecks {
    /// `value` checked by `field`'s type and returned as stored, or nil after recording why not.
    /// `null` is no value and always accepted; whether a value is required is the caller's concern.
    static func validate(_ value: JSONValue, field: FormField, path: String, problems: inout ValidationProblems)
        -> JSONValue?
    {
        if value == .null { return .null }
        return problems.adding(FieldValueValidator.checkValue(value, for: field), at: path)
    }

    /// A record member holding one User (`owner`, `creator`, `lastUpdatedBy`).
    static func user(_ value: JSONValue, path: String, problems: inout ValidationProblems) -> JSONValue? {
        problems.adding(FieldValueValidator.checkUser(value), at: path)
    }

    /// The form field a built-in member is checked by: the form's definition (options, label
    /// options) under the member's own type, as a default field, so a dropdown takes one option
    /// whatever category or type the stored form claims.
    static func memberField(_ definition: FormField?, type: FieldType) -> FormField {
        var field = definition ?? FormField(fields: [:])
        field.type = type
        field.category = .default
        return field
    }
}

extension ValidationProblems {
    /// Records `check`'s problems under `path` and answers its stored value (nil when refused).
    mutating func adding(_ check: FieldCheck, at path: String) -> JSONValue? {
        for problem in check.problems { add(path + problem.path, problem.reason) }
        return check.isValid ? check.value : nil
    }
}
