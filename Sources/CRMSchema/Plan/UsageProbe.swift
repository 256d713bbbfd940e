import CRMModel

/// A question about stored records that a change raises ("how many contacts have no value in
/// `phone`?"), answered by one scan per entity.
struct UsageProbe: Sendable {
    enum Test: Sendable {
        case lacksValue(field: String)
        case hasValue(field: String)
        case hasOption(field: String, option: String)
        case hasTag(id: String?, label: String)
        case inStatus(id: String, label: String)
        case anyRecord
    }

    var address: ObjectAddress
    var subject: String
    var entity: EntityKind
    /// Cases only: the case type whose cases are counted.
    var caseTypeID: String?
    var test: Test
    /// What the change does to the matching records; the count is appended.
    var consequence: String

    func matches(_ record: JSONObject) -> Bool {
        if let caseTypeID, record["caseTypeId"]?.stringValue != caseTypeID { return false }
        switch test {
        case .lacksValue(let field):
            return AttributeComparison.isUnset(Self.value(of: field, in: record))
        case .hasValue(let field):
            return !AttributeComparison.isUnset(Self.value(of: field, in: record))
        case .hasOption(let field, let option):
            return Self.mentions(Self.value(of: field, in: record), option)
        case .hasTag(let id, let label):
            return (record["tags"]?.arrayValue ?? []).contains { tag in
                if let id, tag["id"]?.stringValue == id { return true }
                let text = tag.stringValue ?? tag["label"]?.stringValue
                return text?.caseInsensitiveCompare(label) == .orderedSame
            }
        case .inStatus(let id, let label):
            guard let status = record["status"]?.stringValue else { return false }
            return status == id || status.caseInsensitiveCompare(label) == .orderedSame
        case .anyRecord:
            return true
        }
    }

    /// Default fields are record members (`name`); custom ones live under `customFields`.
    static func value(of field: String, in record: JSONObject) -> JSONValue? {
        record["customFields"]?[field] ?? record[field]
    }

    /// Whether a dropdown value (a string, an array, or option objects) names `option`.
    static func mentions(_ value: JSONValue?, _ option: String) -> Bool {
        switch value {
        case .string(let text)?: return text == option
        case .array(let items)?: return items.contains { mentions($0, option) }
        case .object(let object)?: return object["id"]?.stringValue == option
        default: return false
        }
    }
}
