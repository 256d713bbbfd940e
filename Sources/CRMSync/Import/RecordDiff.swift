import CRMDedupe
import CRMModel

/// What an import changes on a record that exists: only the fields whose value differs, never
/// clearing anything (a value absent from the row leaves the CRM's alone), and adding to lists
/// rather than replacing them (an e-mail, phone or tag the row lacks is kept), so that an
/// import can only add information.
public struct RecordDiff: Sendable {
    let phones: PhoneNormalizer
    let emails = EmailNormalizer()

    public init(defaultRegion: String) { phones = PhoneNormalizer(defaultRegion: defaultRegion) }

    /// The PATCH that brings `existing` to hold `wanted`, or an empty object.
    public func patch(from existing: JSONObject, to wanted: JSONObject) -> JSONObject {
        var patch: JSONObject = [:]
        for (key, value) in wanted where !value.isEmptyValue {
            switch key {
            case "email", "phone":
                if let merged = union(existing[key], value, key: key) { patch[key] = merged }
            case "tags":
                if let merged = unionTags(existing[key], value) { patch[key] = merged }
            case "customFields":
                var changed: JSONObject = [:]
                let current = existing[key]?.objectValue ?? [:]
                for (id, custom) in value.objectValue ?? [:] where !custom.isEmptyValue {
                    if !Self.same(current[id], custom) { changed[id] = custom }
                }
                if !changed.isEmpty { patch[key] = .object(changed) }
            default:
                if !Self.same(existing[key], value) { patch[key] = value }
            }
        }
        return patch
    }

    /// The values `patch` replaces, as `existing` holds them (null when absent): what a rollback
    /// writes back. Custom fields are listed key by key.
    public static func before(_ existing: JSONObject, patch: JSONObject) -> JSONObject {
        var values: JSONObject = [:]
        for key in patch.keys {
            if key == "customFields" {
                let current = existing[key]?.objectValue ?? [:]
                values[key] = .object(
                    Dictionary(
                        uniqueKeysWithValues: (patch[key]?.objectValue ?? [:]).keys.map { ($0, current[$0] ?? .null) }))
            } else {
                values[key] = restorable(key, existing[key] ?? .null)
            }
        }
        return values
    }

    /// `existing` with `patch` applied the way the API applies it (custom fields key by key).
    public static func applying(_ patch: JSONObject, to existing: JSONObject) -> JSONObject {
        var result = existing
        for (key, value) in patch {
            if key == "customFields", case .object(let changes) = value {
                var custom = existing[key]?.objectValue ?? [:]
                for (id, new) in changes { custom[id] = new }
                result[key] = .object(custom)
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// The record a merge of `sources` into `target` leaves (api-notes "Merges"): the target's
    /// non-empty values, empty ones filled from the sources in order, e-mails, phones and tags
    /// unioned.
    public func merged(_ target: JSONObject, _ sources: [JSONObject]) -> JSONObject {
        var result = target
        for source in sources {
            for (key, value) in source where !value.isEmptyValue {
                switch key {
                case "id", "createdOn", "updatedOn", "creator", "lastUpdatedBy": continue
                case "email", "phone":
                    if let merged = union(result[key], value, key: key) { result[key] = merged }
                case "tags":
                    if let merged = unionTags(result[key], value) { result[key] = merged }
                case "customFields":
                    var custom = result[key]?.objectValue ?? [:]
                    for (id, item) in value.objectValue ?? [:] where custom[id]?.isEmptyValue ?? true {
                        custom[id] = item
                    }
                    result[key] = .object(custom)
                default:
                    if result[key]?.isEmptyValue ?? true { result[key] = value }
                }
            }
        }
        return result
    }

    /// The existing entries plus the wanted ones they lack (as non-primary when the record
    /// already has a primary), or nil when nothing is missing.
    func union(_ existing: JSONValue?, _ wanted: JSONValue, key: String) -> JSONValue? {
        let current = existing?.arrayValue ?? []
        var seen = Set(current.compactMap { normalized($0["value"]?.stringValue, key: key) })
        let hasPrimary = current.contains { $0["primary"] == true }
        var added: [JSONValue] = []
        for entry in wanted.arrayValue ?? [] {
            guard let value = normalized(entry["value"]?.stringValue, key: key), seen.insert(value).inserted else {
                continue
            }
            var object = entry.objectValue ?? [:]
            if hasPrimary || !added.isEmpty { object["primary"] = .bool(false) }
            added.append(.object(object))
        }
        guard !added.isEmpty else { return nil }
        return .array(current.map(Self.writable) + added)
    }

    func normalized(_ value: String?, key: String) -> String? {
        guard let value else { return nil }
        if key == "email" { return emails.normalize(value)?.address ?? value.lowercased() }
        return phones.normalize(value)?.e164 ?? value
    }

    /// The tags as ids, plus the wanted ones (ids or labels) the record lacks; nil when none.
    func unionTags(_ existing: JSONValue?, _ wanted: JSONValue) -> JSONValue? {
        let current = existing?.arrayValue ?? []
        var known = Set<String>()
        for tag in current {
            if let id = tag["id"]?.stringValue { known.insert(id) }
            if let label = tag["label"]?.stringValue { known.insert(label.lowercased()) }
            if let text = tag.stringValue { known.insert(text.lowercased()) }
        }
        let missing = (wanted.arrayValue ?? []).compactMap { $0.stringValue ?? $0["id"]?.stringValue }
            .filter { !known.contains($0) && !known.contains($0.lowercased()) }
        guard !missing.isEmpty else { return nil }
        let ids = current.compactMap { $0["id"]?.stringValue ?? $0.stringValue }
        return .array((ids + missing.uniqued()).map(JSONValue.string))
    }

    /// A stored entry as it can be sent back (labeled entries keep label, value, primary).
    static func writable(_ entry: JSONValue) -> JSONValue {
        guard case .object(let object) = entry else { return entry }
        return .object(object.filter { ["label", "value", "primary"].contains($0.key) })
    }

    /// A stored value as a PATCH takes it: tags as ids, labeled entries trimmed to what is sent.
    static func restorable(_ key: String, _ value: JSONValue) -> JSONValue {
        switch key {
        case "tags":
            return .array((value.arrayValue ?? []).compactMap { $0["id"] ?? ($0.stringValue.map(JSONValue.string)) })
        case "email", "phone": return .array((value.arrayValue ?? []).map(writable))
        default: return value
        }
    }

    /// Equal as the CRM means it: numbers by value, user objects by id, text exactly.
    static func same(_ existing: JSONValue?, _ wanted: JSONValue) -> Bool {
        guard let existing else { return wanted.isEmptyValue }
        if case .object(let lhs) = existing, case .object(let rhs) = wanted, let id = rhs["id"], rhs.count <= 3,
            lhs["id"] != nil, rhs["name"] == nil || rhs.keys.allSatisfy({ ["id", "name", "email"].contains($0) })
        {
            return lhs["id"].map { $0.semanticallyEquals(id) } ?? false
        }
        if case .object(let lhs) = existing, case .object(let rhs) = wanted {
            // Objects the CRM completes (a monetary value, a range): equal when every given member is.
            return rhs.allSatisfy { key, value in lhs[key].map { $0.semanticallyEquals(value) } ?? value.isEmptyValue }
        }
        if case .array(let lhs) = existing, case .array(let rhs) = wanted {
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { same($0, $1) }
        }
        return existing.semanticallyEquals(wanted)
    }
}
