import CRMClient
import CRMModel

/// Contacts and organizations seen as plain JSON records, so the applier is written once.
struct MergeRecordStore: Sendable {
    let client: CRMClient
    let entity: String

    /// The record, or nil when the CRM answers 404 (merged away or deleted).
    func get(_ id: String) async throws -> JSONObject? {
        do {
            return entity == "organizations"
                ? try await client.organizations.get(.init(id)).fields : try await client.contacts.get(.init(id)).fields
        } catch let error as CRMError where error.status == 404 {
            return nil
        }
    }

    func update(_ id: String, _ patch: JSONObject) async throws {
        if entity == "organizations" {
            _ = try await client.organizations.update(.init(id), Organization(fields: patch))
        } else {
            _ = try await client.contacts.update(.init(id), Contact(fields: patch))
        }
    }

    func merge(into id: String, sources: [String]) async throws {
        if entity == "organizations" {
            _ = try await client.organizations.merge(into: .init(id), sources: sources.map { .init($0) })
        } else {
            _ = try await client.contacts.merge(into: .init(id), sources: sources.map { .init($0) })
        }
    }
}

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

    static func build(_ group: MergePlan.Group, entity: String, survivor: JSONObject, records: [JSONObject]) -> JSONObject {
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
