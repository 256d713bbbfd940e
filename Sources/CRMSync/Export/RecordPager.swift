import CRMClient
import CRMModel

/// One entity's list read as plain JSON pages in ascending id order: the order in which records
/// created during an export land after everything already read, so a cursor over it stays valid.
public struct RecordPager: Sendable {
    public typealias Fetch = @Sendable (_ page: Int, _ size: Int) async throws -> Page<JSONObject>

    public let entity: EntityKind
    public let pageSize: Int
    private let fetchPage: Fetch

    /// A pager over `fetch`, for callers (and tests) that supply pages themselves.
    public init(entity: EntityKind, pageSize: Int, fetch: @escaping Fetch) {
        self.entity = entity
        self.pageSize = max(1, pageSize)
        self.fetchPage = fetch
    }

    /// The CRM's `entity` records matching `filter`.
    public init(client: CRMClient, entity: EntityKind, filter: ExportFilter = .init(), pageSize: Int = 1000) {
        let order = Sort.ascending("id")
        let fetch: Fetch
        switch entity {
        case .contact: fetch = Self.erased(client.contacts, filter.contact, order)
        case .organization: fetch = Self.erased(client.organizations, filter.organization, order)
        case .lead: fetch = Self.erased(client.leads, filter.lead, order)
        case .opportunity: fetch = Self.erased(client.opportunities, filter.opportunity, order)
        case .case: fetch = Self.erased(client.cases, filter.case, order)
        }
        self.init(entity: entity, pageSize: pageSize, fetch: fetch)
    }

    public func fetch(_ page: Int) async throws -> Page<JSONObject> { try await fetchPage(page, pageSize) }

    /// A page of another size (the cursor asks for single records to check where it stands).
    public func fetch(page: Int, size: Int) async throws -> Page<JSONObject> { try await fetchPage(page, size) }

    private static func erased<R: ListableRecord>(_ records: Records<R>, _ filter: R.Filter, _ order: Sort) -> Fetch {
        { number, size in
            let page = try await records.page(number, size: size, filter: filter, sort: order)
            return Page(items: page.items.map(\.fields), page: page.page, size: page.size, total: page.total)
        }
    }
}

/// Record ids in the CRM's list order: numerically when both are numbers (the sandbox's and the
/// reference's ids), as text otherwise.
enum RecordIDOrder {
    static func precedes(_ left: String, _ right: String) -> Bool {
        if let l = Int64(left), let r = Int64(right) { return l < r }
        if left.count != right.count { return left.count < right.count }
        return left < right
    }

    static func id(of record: JSONObject) -> String? {
        switch record["id"] {
        case .string(let text): return text
        case .integer(let number): return String(number)
        default: return nil
        }
    }
}
