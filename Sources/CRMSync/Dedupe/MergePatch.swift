import CRMModel

/// Turns a group's field outcomes into the PATCH for the survivor: only CRM fields whose value
/// differs from the survivor as fetched now. Engine-only fields (givenName, postcode, …) are
/// derived from CRM fields and have no API member of their own, so they are not sent.
enum MergePatch {
    static func member(_ field: String, entity: String) -> String? {
        switch field {
        case "emails": "email"
        case "phones": "phone"
        case "name", "jobTitle", "note": field
        case "website": entity == "organizations" ? "website" : nil
        case "addressLine1": entity == "organizations" ? "address" : nil
        default: nil
        }
    }

    static func build(_ group: MergePlan.Group, entity: String, survivor: JSONObject, records: [JSONObject])
        -> JSONObject
    {
        var patch: JSONObject = [:]
        for outcome in group.fields {
            guard let key = member(outcome.field, entity: entity) else { continue }
            if key == "email" || key == "phone" {
                let current = (survivor[key]?.arrayValue ?? []).compactMap { $0.objectValue?["value"]?.stringValue }
                guard Set(current) != Set(outcome.values) else { continue }
                // Keep each value's label from the record it came from; the survivor's first.
                var known: [String: JSONValue] = [:]
                for record in [survivor] + records {
                    for item in record[key]?.arrayValue ?? [] {
                        guard let value = item.objectValue?["value"]?.stringValue, known[value] == nil else { continue }
                        var entry = item.objectValue ?? [:]
                        if record != survivor { entry["primary"] = .bool(false) }
                        known[value] = .object(entry)
                    }
                }
                patch[key] = .array(outcome.values.map { known[$0] ?? .object(["value": .string($0)]) })
            } else if let value = outcome.values.first, survivor[key]?.stringValue != value {
                patch[key] = .string(value)
            }
        }
        return patch
    }
}
