import CRMModel
import GRDB

/// A record as the store keeps it: its JSON members except `id` and `tags`, and its tag ids.
struct RecordDocument: Sendable {
    var id: Int64
    var fields: JSONObject {
        didSet { storedText = nil }
    }
    var tagIds: [String]
    /// The text just written for `fields`, so answering a create does not serialise twice.
    var storedText: String?

    init(id: Int64, fields: JSONObject, tagIds: [String], storedText: String? = nil) {
        self.id = id
        self.fields = fields
        self.tagIds = tagIds
        self.storedText = storedText
    }

    /// The record as the API returns it, with `id` and tag objects filled in.
    func rendered(tags: [String: String]) -> String {
        RecordRendering.render(
            id: id, doc: storedText ?? JSONText.serialize(fields), tagIds: tagIds.joined(separator: ","), tags: tags)
    }

    /// The full JSON object (with `id`, tags as objects), for merges and conversions.
    func object(tags: [TagOption]) -> JSONObject {
        var object = fields
        object["id"] = .string(String(id))
        object["tags"] = .array(tagIds.compactMap { id in tags.first { $0.id?.rawValue == id }?.json })
        return object
    }
}

/// Splices `id` and `tags` into a stored document without parsing it: GETs and lists answer with
/// the stored text as is, which is what makes them fast.
enum RecordRendering {
    static func render(id: Int64, doc: String, tagIds: String, tags: [String: String]) -> String {
        var out = "{\"id\":\"\(id)\","
        out.reserveCapacity(doc.utf8.count + 64)
        // `doc` is `{…}` and never empty: it always holds createdOn.
        out += doc.dropFirst().dropLast()
        out += ",\"tags\":["
        var first = true
        for tagId in tagIds.split(separator: ",") {
            guard let tag = tags[String(tagId)] else { continue }
            if !first { out += "," }
            first = false
            out += tag
        }
        out += "]}"
        return out
    }
}

/// The denormalised columns of a record row, derived from its document on every write so that
/// filters and sorts run on indexed columns instead of parsing JSON.
struct IndexedColumns {
    var label: String?
    /// `label` lower-cased, for the substring filters.
    var searchLabel: String?
    var createdOn: String
    var updatedOn: String
    var ownerId: String?
    var organizationId: Int64?
    var contactId: Int64?
    var isArchived: Bool
    var isConverted: Bool
    var convertedOpportunityId: Int64?
    var status: String?
    var stageOrder: Int?
    var caseTypeId: String?
    var emails: String?
    var phones: String?
    var address: String?
    var sortExtra: String?

    init(kind: EntityKind, fields: JSONObject, stageOrder: Int?) {
        label = (kind == .contact || kind == .organization ? fields["name"] : fields["title"])?.stringValue
        searchLabel = label?.lowercased()
        createdOn = fields["createdOn"]?.stringValue ?? ""
        updatedOn = fields["updatedOn"]?.stringValue ?? ""
        ownerId = fields["owner"]?["id"]?.stringValue
        organizationId = fields["organizationId"]?.stringValue.flatMap { Int64($0) }
        contactId = fields["contactId"]?.stringValue.flatMap { Int64($0) }
        isArchived = fields["isArchived"]?.boolValue ?? false
        isConverted = fields["isConverted"]?.boolValue ?? false
        convertedOpportunityId = fields["convertedOpportunityId"]?.stringValue.flatMap { Int64($0) }
        status = fields["status"]?.stringValue
        self.stageOrder = stageOrder
        caseTypeId = fields["caseTypeId"]?.stringValue
        emails = Self.joinedValues(fields["email"]) { $0.lowercased() }
        phones = Self.joinedValues(fields["phone"]) { TelephoneSyntax.digits(of: $0) }
        address = fields["address"]?.stringValue?.lowercased()
        sortExtra = nil
    }

    private static func joinedValues(_ value: JSONValue?, _ transform: (String) -> String) -> String? {
        guard let entries = value?.arrayValue, !entries.isEmpty else { return nil }
        return entries.compactMap { $0["value"]?.stringValue.map(transform) }.joined(separator: "\n")
    }

    var arguments: [(String, (any DatabaseValueConvertible)?)] {
        [
            ("label", label), ("search_label", searchLabel), ("created_on", createdOn), ("updated_on", updatedOn),
            ("owner_id", ownerId),
            ("organization_id", organizationId), ("contact_id", contactId), ("is_archived", isArchived),
            ("is_converted", isConverted), ("converted_opportunity_id", convertedOpportunityId), ("status", status),
            ("stage_order", stageOrder), ("case_type_id", caseTypeId), ("emails", emails), ("phones", phones),
            ("address", address), ("sort_extra", sortExtra),
        ]
    }
}
