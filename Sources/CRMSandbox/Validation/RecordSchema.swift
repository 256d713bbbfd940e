import CRMModel

/// The built-in members of each record kind and the rule their values follow (api-notes
/// "Records: fields and their rules"). The form supplies a member's options, label options and
/// `required` flag; the rule here decides the value's shape, whatever type the form names.
enum RecordSchema {
    enum Rule {
        /// Checked by `FieldValueValidator` as this type; dropdowns of default fields take one option.
        case typed(FieldType)
        case user
        case users
        case reference(EntityKind)

        var isArray: Bool {
            switch self {
            case .typed(.emailLabeled), .typed(.telLabeled), .users: return true
            default: return false
            }
        }
    }

    static func members(of kind: EntityKind) -> [(name: String, rule: Rule)] {
        switch kind {
        case .contact:
            return [
                ("name", .typed(.text)), ("email", .typed(.emailLabeled)), ("phone", .typed(.telLabeled)),
                ("organizationId", .reference(.organization)), ("linkedin", .typed(.url)), ("jobTitle", .typed(.text)),
                ("seniorityLevel", .typed(.dropdown)), ("department", .typed(.dropdown)), ("note", .typed(.textArea)),
                ("owner", .user),
            ]
        case .organization:
            return [
                ("name", .typed(.text)), ("address", .typed(.text)), ("email", .typed(.emailLabeled)),
                ("phone", .typed(.telLabeled)), ("industry", .typed(.text)), ("size", .typed(.dropdown)),
                ("annualRevenue", .typed(.dropdown)), ("website", .typed(.url)), ("note", .typed(.textArea)),
                ("owner", .user),
            ]
        case .lead, .opportunity:
            return [
                ("title", .typed(.text)), ("value", .typed(.monetary)), ("origin", .typed(.dropdown)),
                ("leadRating", .typed(.dropdown)), ("organizationId", .reference(.organization)),
                ("contactId", .reference(.contact)), ("followers", .users), ("participants", .users),
                ("note", .typed(.textArea)), ("owner", .user),
            ]
        case .case:
            return [
                ("title", .typed(.text)), ("description", .typed(.textArea)), ("assignee", .user),
                ("priority", .typed(.dropdown)), ("expectedDate", .typed(.date)),
                ("organizationId", .reference(.organization)), ("contactId", .reference(.contact)), ("owner", .user),
            ]
        }
    }

    static func isMember(_ name: String, of kind: EntityKind) -> Bool {
        members(of: kind).contains { $0.name == name } || entitySpecificMembers(of: kind).keys.contains(name)
    }

    /// Members managed by the kind's own rules, with their value on a new record.
    static func entitySpecificMembers(of kind: EntityKind) -> JSONObject {
        switch kind {
        case .lead: return ["isArchived": false, "isConverted": false, "convertedOpportunityId": .null]
        case .opportunity:
            return ["pipelineId": .null, "stage": .null, "status": "open", "lostReason": .null, "closedOn": .null]
        case .case: return ["status": .null, "caseTypeId": .null]
        case .contact, .organization: return [:]
        }
    }

    /// A new record before the body is applied: every member present, null or empty.
    static func emptyRecord(of kind: EntityKind) -> JSONObject {
        var fields = entitySpecificMembers(of: kind)
        for member in members(of: kind) { fields[member.name] = member.rule.isArray ? .array([]) : .null }
        fields["customFields"] = .object([:])
        return fields
    }

    /// The main label column: contacts and organizations have a name, the others a title.
    static func labelMember(of kind: EntityKind) -> String {
        kind == .contact || kind == .organization ? "name" : "title"
    }
}
