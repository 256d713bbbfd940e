import CRMDedupe
import CRMModel

/// Converts a mapped draft into the engine's record, so import files can be deduplicated (and
/// `crmkit dedupe evaluate` measured) with the same mapping files an import uses.
///
/// Built-in fields come from `fields` (`name`, `email`, `phone`, `jobTitle`, …) and the employer
/// from the `organizationId` reference (a name, not yet an id). Everything the CRM has no field
/// for comes from `extras`, under the names `docs/dedupe.md` lists; several spellings are
/// accepted because mapping authors name extras after their source (`surname`, `suburb`, `state`).
extension DedupeRecord {
    public init(index: Int, draft: Draft) {
        let kind: Kind = draft.entity == .organization ? .organization : .person
        let fields = draft.fields
        let extras = draft.extras
        func text(_ object: JSONObject, _ keys: [String]) -> String? {
            for key in keys {
                if let value = object[key]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
                {
                    return value
                }
            }
            return nil
        }
        func labeled(_ key: String) -> [String] {
            var values = (fields[key]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue ?? $0.stringValue }
            values += (extras[key]?.arrayValue ?? []).compactMap(\.stringValue)
            if let single = extras[key]?.stringValue { values.append(single) }
            return values.filter { !$0.allSatisfy(\.isWhitespace) }
        }
        let employer = draft.references.first { $0.kind == .organization }?.value
        self.init(
            index: index, id: text(extras, ["id", "sourceId"]), kind: kind, name: text(fields, ["name"]),
            givenName: text(extras, ["givenName", "firstName", "given_name"]),
            familyName: text(extras, ["familyName", "surname", "lastName"]),
            emails: labeled("email"), phones: labeled("phone"),
            company: kind == .organization
                ? text(fields, ["name"]) : (employer ?? text(extras, ["company", "organization"])),
            jobTitle: text(fields, ["jobTitle"]) ?? text(extras, ["jobTitle"]),
            streetNumber: text(extras, ["streetNumber"]),
            addressLine1: text(extras, ["addressLine1", "street"]) ?? text(fields, ["address"]),
            addressLine2: text(extras, ["addressLine2", "locality"]),
            city: text(extras, ["city", "suburb"]), region: text(extras, ["region", "state"]),
            postcode: text(extras, ["postcode", "postalCode", "zip"]), country: text(extras, ["country"]),
            birthDate: text(extras, ["birthDate", "dateOfBirth"]),
            website: text(fields, ["website"]) ?? text(extras, ["website"]), note: text(fields, ["note"]),
            personalIdentifiers: labeled("personalIdentifier") + labeled("personalIdentifiers"))
    }
}
