import CRMDedupe
import CRMImport
import CRMModel

/// The identity model's view of the records an import compares: a CRM contact or organization,
/// or a row's body about to be written. Both sides go through this one conversion, so a row and
/// the record it created compare as the same.
struct IdentityRecords {
    let entity: EntityKind
    /// Organization id → name, for contacts' employers (an id says nothing about similarity).
    let organizationNames: [String: String]

    /// Whether the import of `entity` is decided by evidence (people and organizations); other
    /// entities are matched by their keys alone.
    static func judges(_ entity: EntityKind) -> Bool { entity == .contact || entity == .organization }

    /// `record` as a `DedupeRecord`; `pendingOrganization` is the name of an organization the row
    /// refers to that the import will create.
    func record(_ record: JSONObject, index: Int, pendingOrganization: String? = nil) -> DedupeRecord {
        let emails = MatchKeyNormalizer.entries(record["email"] ?? .null).filter { !$0.isEmpty }
        let phones = MatchKeyNormalizer.entries(record["phone"] ?? .null).filter { !$0.isEmpty }
        let id = record["id"].map(MatchKeyNormalizer.text)
        switch entity {
        case .organization:
            let name = record["name"]?.stringValue
            return DedupeRecord(
                index: index, id: id, kind: .organization, name: name, emails: emails, phones: phones,
                company: name, addressLine1: record["address"]?.stringValue,
                website: record["website"]?.stringValue)
        default:
            let organization = record["organizationId"].map(MatchKeyNormalizer.text).flatMap { organizationNames[$0] }
            var person = DedupeRecord(
                index: index, id: id, kind: .person, name: record["name"]?.stringValue,
                emails: emails, phones: phones, company: organization ?? pendingOrganization,
                jobTitle: record["jobTitle"]?.stringValue)
            if let linkedin = record["linkedin"]?.stringValue { person.extra["linkedin"] = linkedin }
            return person
        }
    }

    /// The fields a reviewer decides by, for the plan's conflict entries (ids of employers as names).
    func reviewFields(_ record: JSONObject, pendingOrganization: String? = nil) -> JSONObject {
        var fields: JSONObject = [:]
        for key in ["id", "name", "email", "phone", "jobTitle", "address", "website", "createdOn"] {
            if let value = record[key], !value.isEmptyValue { fields[key] = value }
        }
        if let id = record["organizationId"].map(MatchKeyNormalizer.text), let name = organizationNames[id] {
            fields["organization"] = .string(name)
        } else if let pendingOrganization {
            fields["organization"] = .string(pendingOrganization)
        }
        return fields
    }
}
