/// Rules of `email_labeled` and `tel_labeled`: arrays (at most 50) of `{label, value, primary}`.
/// Labels come from the field's `labelOptions` (case-insensitive, stored in the option's
/// spelling; absent means `Other`, or the first option); at most one entry is primary, and the
/// first becomes primary when none is; a value may not repeat within the array. Entries are
/// stored as `{label, value, primary}` only.
extension FieldValueValidator {
    public static let maximumLabeledValues = 50
    static let labeledValueMembers: Set<String> = ["label", "value", "primary"]

    static func labeledValues(
        _ value: JSONValue, labelOptions: [String], element: (JSONValue) -> FieldCheck, identity: EntryIdentity
    ) -> FieldCheck {
        guard case .array(let entries) = value else { return wrongType("an array of {label, value, primary}", value) }
        guard entries.count <= maximumLabeledValues else {
            return .refused(.tooLong, "\(entries.count) entries; at most \(maximumLabeledValues) are allowed")
        }
        // The entries as stored, made only once one differs from the one given: when none does
        // (a mapper writes them as stored), the given array is handed back, and a caller that
        // compares the two compares one array with itself.
        var stored: [JSONValue]?
        var problems: [FieldProblem] = []
        var seen = FewEntries(identity: identity)
        var primaries = 0
        for (index, entry) in entries.enumerated() {
            // The path is only built for problems, which valid entries (nearly all) never have.
            guard case .object(var object) = entry else {
                problems += wrongType("{label, value, primary}", entry).problems.map { $0.nested(in: "[\(index)]") }
                continue
            }
            // The members read in one pass over the entry: looking each up hashed its key, which
            // showed in profiles (three lookups per entry, several entries per record).
            var members = EntryMembers()
            var otherMembers = false
            for (key, member) in object {
                switch key {
                case "value": members.value = member
                case "label": members.label = member
                case "primary": members.primary = member
                default: otherMembers = true
                }
            }
            let outcome = checkEntry(
                members, at: index, labelOptions: labelOptions, element: element,
                seen: &seen, primaries: &primaries, problems: &problems)
            var changed = false
            if let text = outcome.value, members.value != .string(text) {
                object["value"] = .string(text)
                changed = true
            }
            if let label = outcome.label, members.label != .string(label) {
                object["label"] = .string(label)
                changed = true
            }
            if outcome.primaryMissing {
                object["primary"] = false
                changed = true
            }
            // Stored as a LabeledValue: other members of the entry are dropped, as the API does.
            if otherMembers {
                object = object.filter { labeledValueMembers.contains($0.key) }
                changed = true
            }
            if changed, stored == nil {
                stored = Array(entries[..<index])
                stored?.reserveCapacity(entries.count)
            }
            stored?.append(.object(object))
        }
        if primaries > 1 {
            // `duplicate`, as the API answers: a second primary duplicates the first one's role.
            problems.append(
                FieldProblem(reason: .duplicate, message: "\(primaries) entries are primary; at most one may be"))
        }
        guard problems.isEmpty else { return FieldCheck(value: nil, problems: problems) }
        if primaries == 0, case .object(var first)? = (stored ?? entries).first {
            first["primary"] = true
            var list = stored ?? entries
            list[0] = .object(first)
            return FieldCheck(value: .array(list))
        }
        return FieldCheck(value: stored.map(JSONValue.array) ?? value)
    }

    /// The members of one entry as given.
    struct EntryMembers {
        var value: JSONValue?
        var label: JSONValue?
        var primary: JSONValue?
    }

    /// The rules of one entry, for entries given as JSON objects and as `LabeledEntry` alike:
    /// problems are appended; the answer is the value and label to store (nil: as given, or
    /// none) and whether `primary` was missing (stored as false).
    static func checkEntry(
        _ members: EntryMembers, at index: Int, labelOptions: [String], element: (JSONValue) -> FieldCheck,
        seen: inout FewEntries, primaries: inout Int, problems: inout [FieldProblem]
    ) -> (value: String?, label: String?, primaryMissing: Bool) {
        var path: String { "[\(index)]" }
        let check = element(members.value ?? .null)
        if members.value.map(\.isEmptyValue) ?? true {
            problems.append(FieldProblem(path: path + ".value", reason: .required, message: "an entry needs a value"))
        } else if !check.problems.isEmpty {
            problems += check.problems.map { $0.nested(in: path + ".value") }
        }
        let text = check.value?.stringValue
        if let text {
            let (inserted, first) = seen.insert(text, at: index)
            if !inserted {
                problems.append(
                    FieldProblem(
                        path: path + ".value", reason: .duplicate, message: "'\(text)' repeats entry \(first + 1)"))
            }
        }
        var storedLabel: String?
        switch label(members.label, options: labelOptions) {
        case .success(let label): storedLabel = label
        case .failure(let problem): problems.append(problem.nested(in: path))
        }
        var primaryMissing = false
        switch members.primary {
        case nil, .null?: primaryMissing = true
        case .bool(let isPrimary)?: if isPrimary { primaries += 1 }
        case let other?:
            problems.append(
                FieldProblem(
                    path: path + ".primary", reason: .invalidType,
                    message: "expected true or false, got \(other.kindName)"))
        }
        return (text, storedLabel, primaryMissing)
    }

    /// The problems `labeledValues` finds in `entries` written as JSON objects, without writing
    /// them: a validation run wants only the problems, and the objects (a dictionary each) were
    /// the largest single cost of mapping e-mails and phones.
    static func labeledEntryProblems(
        _ entries: [LabeledEntry], labelOptions: [String], element: (JSONValue) -> FieldCheck, identity: EntryIdentity
    ) -> [FieldProblem] {
        guard entries.count <= maximumLabeledValues else {
            return [
                FieldProblem(
                    reason: .tooLong, message: "\(entries.count) entries; at most \(maximumLabeledValues) are allowed")
            ]
        }
        var problems: [FieldProblem] = []
        var seen = FewEntries(identity: identity)
        var primaries = 0
        for index in entries.indices {
            let members = EntryMembers(
                value: .string(entries[index].value), label: entries[index].label.map(JSONValue.string),
                primary: .bool(entries[index].primary))
            _ = checkEntry(
                members, at: index, labelOptions: labelOptions, element: element,
                seen: &seen, primaries: &primaries, problems: &problems)
        }
        if primaries > 1 {
            problems.append(
                FieldProblem(reason: .duplicate, message: "\(primaries) entries are primary; at most one may be"))
        }
        return problems
    }

    /// The stored spelling of a label, or the default when none is given; nil when the field
    /// names no label options (then any label is kept as given).
    static func label(_ raw: JSONValue?, options: [String]) -> Result<String?, FieldProblem> {
        guard !options.isEmpty else { return .success(nil) }
        guard let raw, !raw.isEmptyValue else {
            return .success(options.first { $0.equalsIgnoringCase("Other") } ?? options[0])
        }
        guard let text = raw.stringValue else {
            return .failure(
                FieldProblem(path: ".label", reason: .invalidType, message: "expected a string, got \(raw.kindName)"))
        }
        // Written as the option usually is: equality (which implies equality ignoring case),
        // a comparison of one or two words for short labels, answers first.
        if let option = options.first(where: { $0 == text || $0.equalsIgnoringCase(text) }) { return .success(option) }
        return .failure(
            FieldProblem(
                path: ".label", reason: .unknownOption,
                message: "'\(text)' is not a label of this field; labels: \(options.joined(separator: ", "))"))
    }
}

extension FieldProblem: Error {}
