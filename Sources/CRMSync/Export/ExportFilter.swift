import CRMClient
import CRMModel

/// The `--filter KEY=VALUE` conditions of an export, turned into each entity's typed list filter.
/// Only keys the list endpoint itself filters on are accepted, so the server does the filtering
/// and paging stays exact.
public struct ExportFilter: Sendable, Hashable, Codable {
    public private(set) var conditions: [String: String] = [:]

    public init() {}

    /// The keys `entity`'s list accepts.
    public static func keys(for entity: EntityKind) -> [String] {
        switch entity {
        case .contact: return ["name", "email", "phone", "tags", "organizationId"]
        case .organization: return ["name", "address", "tags"]
        case .lead: return ["title", "tags", "contactId", "organizationId", "isArchived", "isConverted"]
        case .opportunity: return ["title", "tags", "contactId", "organizationId"]
        case .case: return ["title", "status", "tags", "contactId", "organizationId", "createdAfter", "createdBefore"]
        }
    }

    /// Parses `KEY=VALUE` and checks the key against every entity being exported.
    public mutating func add(_ condition: String, entities: [EntityKind]) throws(ExportError) {
        guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
            throw ExportError.badFilter("--filter \(condition): write KEY=VALUE, e.g. --filter tags=VIP")
        }
        let key = String(condition[..<equals])
        let value = String(condition[condition.index(after: equals)...])
        for entity in entities where !Self.keys(for: entity).contains(key) {
            throw ExportError.badFilter(
                "--filter \(key): \(entity.plural) cannot be filtered by it; use "
                    + "one of \(Self.keys(for: entity).joined(separator: ", "))"
            )
        }
        conditions[key] = value
    }

    private func list(_ key: String) -> [String]? {
        conditions[key].map { $0.split(separator: ",").map { String($0) } }
    }

    private func flag(_ key: String) -> Bool? { conditions[key].map { $0 == "true" || $0 == "yes" || $0 == "1" } }

    var contact: ContactFilter {
        var filter = ContactFilter()
        filter.name = conditions["name"]
        filter.email = conditions["email"]
        filter.phone = conditions["phone"]
        filter.tags = list("tags")
        filter.organizationId = conditions["organizationId"].map { .init($0) }
        return filter
    }

    var organization: OrganizationFilter {
        var filter = OrganizationFilter()
        filter.name = conditions["name"]
        filter.address = conditions["address"]
        filter.tags = list("tags")
        return filter
    }

    var lead: LeadFilter {
        LeadFilter(
            title: conditions["title"], contactIds: list("contactId")?.map { .init($0) },
            organizationIds: list("organizationId")?.map { .init($0) }, tags: list("tags"),
            isArchived: flag("isArchived"), isConverted: flag("isConverted"))
    }

    var opportunity: OpportunityFilter {
        OpportunityFilter(
            title: conditions["title"], contactIds: list("contactId")?.map { .init($0) },
            organizationIds: list("organizationId")?.map { .init($0) }, tags: list("tags"))
    }

    var `case`: CaseFilter {
        var filter = CaseFilter()
        filter.title = conditions["title"]
        filter.status = conditions["status"]
        filter.tags = list("tags")
        filter.contactIds = list("contactId")?.map { .init($0) }
        filter.organizationIds = list("organizationId")?.map { .init($0) }
        filter.createdAfter = conditions["createdAfter"]
        filter.createdBefore = conditions["createdBefore"]
        return filter
    }
}
