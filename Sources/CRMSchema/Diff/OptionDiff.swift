import CRMModel

/// Compares the dropdown options of one field, matching options by id (what records store).
enum OptionDiff {
    static func rows(live: [FormOption], desired: [FormOption], fieldSubject: String) -> [ChangeRow] {
        var rows: [ChangeRow] = []
        let liveByID = Dictionary(live.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredIDs = Set(desired.map(\.id))
        for option in desired {
            let subject = "\(fieldSubject) › option \(option.id)"
            guard let before = liveByID[option.id] else {
                rows.append(
                    ChangeRow(.create, subject, [AttributeDelta("label", before: nil, after: .string(option.label))]))
                continue
            }
            let deltas: [AttributeDelta]
            switch (before.json, option.json) {
            case (.object(let lhs), .object(let rhs)):
                deltas = AttributeComparison.deltas(lhs, rhs, excluding: ["id"])
            default:
                deltas =
                    before.json == option.json ? [] : [AttributeDelta("value", before: before.json, after: option.json)]
            }
            if !deltas.isEmpty { rows.append(ChangeRow(.update, subject, deltas)) }
        }
        for option in live where !desiredIDs.contains(option.id) {
            rows.append(
                ChangeRow(
                    .delete, "\(fieldSubject) › option \(option.id)",
                    [
                        AttributeDelta("label", before: .string(option.label), after: nil)
                    ]))
        }
        if let order = AttributeComparison.orderRow(
            "\(fieldSubject) › options", live: live.map(\.id), desired: desired.map(\.id))
        {
            rows.append(order)
        }
        return rows
    }
}
