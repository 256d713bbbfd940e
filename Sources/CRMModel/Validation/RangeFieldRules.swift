/// Rules of `date-range`, `datetime-range` and `time-range`: `{start, end}`, both present and
/// valid; dates and datetimes must not end before they start, time ranges may cross midnight.
extension FieldValueValidator {
    static func range(
        _ value: JSONValue, of element: (JSONValue) -> FieldCheck, ordered: ((String, String) -> Bool)?
    ) -> FieldCheck {
        guard case .object(let object) = value else { return wrongType("an object {start, end}", value) }
        var problems: [FieldProblem] = []
        for key in ["start", "end"] {
            guard let part = object[key], !part.isEmptyValue else {
                problems.append(
                    FieldProblem(path: "." + key, reason: .required, message: "a range needs both start and end"))
                continue
            }
            problems += element(part).problems.map { $0.nested(in: "." + key) }
        }
        if problems.isEmpty, let ordered, let start = object["start"]?.stringValue,
            let end = object["end"]?.stringValue,
            !ordered(start, end)
        {
            // Reported at `end`, as the API does: the end is the part to correct.
            problems.append(
                FieldProblem(
                    path: ".end", reason: .invalidFormat, message: "the range ends (\(end)) before it starts (\(start))"
                ))
        }
        return FieldCheck.outcome(value, problems)
    }

    static func dateRangeIsOrdered(_ start: String, _ end: String) -> Bool {
        guard let first = CalendarSyntax.day(start), let last = CalendarSyntax.day(end) else { return true }
        return first <= last
    }

    /// Compared as instants when both carry a zone, as wall-clock times when neither does.
    static func dateTimeRangeIsOrdered(_ start: String, _ end: String) -> Bool {
        guard let first = CalendarSyntax.moment(start), let last = CalendarSyntax.moment(end) else { return true }
        switch (first.instant, last.instant) {
        case let (from?, to?): return from <= to
        case (nil, nil): return first.wallSeconds <= last.wallSeconds
        default: return true
        }
    }
}
