import CRMModel

/// Compares two field lists (an entity form, or a case type's form) field by field.
enum FormDiff {
    /// `prefix` names where the fields live in the rows' subjects (`""` or `"form › "`).
    static func rows(live: [FormField], desired: [FormField], prefix: String = "") -> [ChangeRow] {
        var rows: [ChangeRow] = []
        let liveByID = Dictionary(
            live.compactMap { field in field.id.map { ($0.rawValue, field) } }, uniquingKeysWith: { first, _ in first })
        let desiredIDs = Set(desired.compactMap { $0.id?.rawValue })
        for field in desired {
            guard let id = field.id?.rawValue else { continue }
            let subject = "\(prefix)field \(id)"
            guard let before = liveByID[id] else {
                rows.append(ChangeRow(.create, subject, AttributeComparison.created(field.fields, excluding: ["id"])))
                continue
            }
            let deltas = AttributeComparison.deltas(before.fields, field.fields, excluding: ["id", "options"])
            if !deltas.isEmpty { rows.append(ChangeRow(.update, subject, deltas)) }
            rows += OptionDiff.rows(live: before.options ?? [], desired: field.options ?? [], fieldSubject: subject)
        }
        // A built-in field left out of the file keeps its definition, as the API does on a PUT
        // or case-type PATCH (api-notes #41, #62): it cannot be deleted, so it is not a change.
        for field in live where field.category != .default {
            guard let id = field.id?.rawValue, !desiredIDs.contains(id) else { continue }
            rows.append(
                ChangeRow(
                    .delete, "\(prefix)field \(id)",
                    [
                        AttributeDelta("label", before: field.label.map(JSONValue.string), after: nil)
                    ]))
        }
        if let order = AttributeComparison.orderRow(
            "\(prefix)fields", live: live.compactMap { $0.id?.rawValue },
            desired: desired.compactMap { $0.id?.rawValue })
        {
            rows.append(order)
        }
        return rows
    }
}
