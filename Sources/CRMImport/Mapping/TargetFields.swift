import CRMModel

/// The default (built-in) fields each entity takes, and what kind of value each holds; a
/// mapping naming anything else under `fields:` is refused (custom fields go under
/// `customFields:`). From api-notes "Records: fields and their rules".
public enum TargetField: Sendable, Hashable {
    case text
    /// `email` / `phone`: arrays of `{label, value, primary}`.
    case labeled
    /// A record reference resolved by name or e-mail (`organizationId`, `contactId`).
    case reference(DraftReference.Kind)
    case tags
    /// A User object, or an array of them.
    case user
    /// Anything else the form types (dropdowns, amounts, dates): passed as built.
    case value

    public static func fields(of entity: EntityKind) -> [String: TargetField] {
        var fields: [String: TargetField] = ["owner": .user, "note": .text, "tags": .tags]
        switch entity {
        case .contact:
            fields.merge([
                "name": .text, "email": .labeled, "phone": .labeled, "organizationId": .reference(.organization),
                "linkedin": .text, "jobTitle": .text, "seniorityLevel": .value, "department": .value,
            ]) { $1 }
        case .organization:
            fields.merge([
                "name": .text, "address": .text, "industry": .text, "email": .labeled, "phone": .labeled,
                "size": .value, "annualRevenue": .value, "website": .text,
            ]) { $1 }
        case .lead, .opportunity:
            fields.merge([
                "title": .text, "value": .value, "origin": .value, "leadRating": .value,
                "organizationId": .reference(.organization), "contactId": .reference(.contact),
                "followers": .user, "participants": .user,
            ]) { $1 }
            if entity == .opportunity {
                fields.merge([
                    "pipelineId": .value, "stage": .reference(.stage), "status": .value, "lostReason": .value,
                ]) { $1 }
            }
        case .case:
            fields.merge([
                "title": .text, "description": .text, "status": .reference(.caseStatus),
                "caseTypeId": .reference(.caseType), "contactId": .reference(.contact),
                "organizationId": .reference(.organization), "assignee": .user, "priority": .value,
                "expectedDate": .value,
            ]) { $1 }
        }
        return fields
    }
}
