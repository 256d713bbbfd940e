import CRMModel

/// How two attribute values compare. An absent member, `null`, `false`, `""` and `[]` all mean
/// "not set" in a form definition, so writing `required: false` or leaving it out is no change.
enum AttributeComparison {
    static func isUnset(_ value: JSONValue?) -> Bool {
        guard let value else { return true }
        return value == .bool(false) || value.isEmptyValue
    }

    static func same(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        if isUnset(lhs) && isUnset(rhs) { return true }
        guard let lhs, let rhs else { return false }
        return lhs.semanticallyEquals(rhs)
    }

    /// Deltas for every member whose value differs, in key order, skipping `excluded`.
    static func deltas(_ before: JSONObject, _ after: JSONObject, excluding excluded: Set<String> = [])
        -> [AttributeDelta]
    {
        Set(before.keys).union(after.keys).subtracting(excluded).sorted().compactMap { key in
            same(before[key], after[key]) ? nil : AttributeDelta(key, before: before[key], after: after[key])
        }
    }

    /// The attributes of a created thing, as `(none) → value` rows.
    static func created(_ object: JSONObject, excluding excluded: Set<String> = []) -> [AttributeDelta] {
        object.keys.filter { !excluded.contains($0) }.sorted().compactMap { key in
            isUnset(object[key]) ? nil : AttributeDelta(key, before: nil, after: object[key])
        }
    }

    /// A row saying the relative order of the items both sides have changed, or nothing.
    static func orderRow(_ subject: String, live: [String], desired: [String]) -> ChangeRow? {
        let common = Set(live).intersection(desired)
        let liveOrder = live.filter(common.contains)
        let desiredOrder = desired.filter(common.contains)
        guard liveOrder != desiredOrder else { return nil }
        return ChangeRow(
            .update, subject,
            [
                AttributeDelta(
                    "order", before: .array(liveOrder.map(JSONValue.string)),
                    after: .array(desiredOrder.map(JSONValue.string)))
            ])
    }
}
