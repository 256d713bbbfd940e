import CRMClient
import CRMModel

/// Records of one entity seen as plain JSON objects, so the import planner, applier and
/// rollback (and the merge applier) are written once for all five kinds instead of five times.
public struct RecordStore: Sendable {
    public let entity: EntityKind
    private let access: RecordAccess
    public let client: CRMClient

    public init(client: CRMClient, entity: EntityKind) {
        self.client = client
        self.entity = entity
        switch entity {
        case .contact:
            access = RecordAccess(
                client.contacts,
                merge: { try await client.contacts.merge(into: .init($0), sources: $1.map { .init($0) }).fields })
        case .organization:
            access = RecordAccess(
                client.organizations,
                merge: { try await client.organizations.merge(into: .init($0), sources: $1.map { .init($0) }).fields })
        case .lead: access = RecordAccess(client.leads, merge: nil)
        case .opportunity: access = RecordAccess(client.opportunities, merge: nil)
        case .case: access = RecordAccess(client.cases, merge: nil)
        }
    }

    /// Every record, page by page (1,000 per request).
    public func all() async throws -> [JSONObject] { try await access.all() }

    /// The record, or nil when the CRM answers 404 (merged away or deleted).
    public func get(_ id: String) async throws -> JSONObject? {
        do {
            return try await access.get(id)
        } catch let error as CRMError where error.status == 404 {
            return nil
        }
    }

    public func create(_ fields: JSONObject) async throws -> JSONObject { try await access.create(fields) }
    public func update(_ id: String, _ patch: JSONObject) async throws -> JSONObject {
        try await access.update(id, patch)
    }

    /// Folds `sources` into `target`; only contacts and organizations can be merged.
    public func merge(into target: String, sources: [String]) async throws -> JSONObject {
        guard let merge = access.merge else {
            throw CRMError.invalidArgument("\(entity.rawValue) records cannot be merged")
        }
        return try await merge(target, sources)
    }

    /// Deletes `ids` through the bulk-action endpoint, 1,000 per request (the API's limit);
    /// answers the ids that were deleted now (ids already gone are not an error).
    public func bulkDelete(_ ids: [String]) async throws -> [String] {
        var deleted: [String] = []
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + 1000)])
            deleted += try await access.bulkDelete(chunk)
            start += chunk.count
        }
        return deleted
    }

    public var tags: Tags { client.tags(for: entity) }
}

/// The typed `Records<R>` operations erased to JSON once per entity.
private struct RecordAccess: Sendable {
    let all: @Sendable () async throws -> [JSONObject]
    let get: @Sendable (String) async throws -> JSONObject
    let create: @Sendable (JSONObject) async throws -> JSONObject
    let update: @Sendable (String, JSONObject) async throws -> JSONObject
    let bulkDelete: @Sendable ([String]) async throws -> [String]
    let merge: (@Sendable (String, [String]) async throws -> JSONObject)?

    /// Every record, in id order: the first page tells the total, the others are fetched four at
    /// a time, so the client parses one page while the server prepares the next. Without a total
    /// (a CRM that does not send one) pages are read one by one until a short one.
    static func allPages<R: ListableRecord>(_ records: Records<R>) async throws -> [JSONObject] {
        let size = 1000
        let order = Sort.ascending("id")
        let first = try await records.page(1, size: size, sort: order)
        var result = first.items.map(\.fields)
        guard let total = first.total else {
            var page = first
            while page.items.count == size {
                page = try await records.page(page.page + 1, size: size, sort: order)
                result += page.items.map(\.fields)
            }
            return result
        }
        let pages = (total + size - 1) / size
        guard pages > 1 else { return result }
        var fetched: [Int: [JSONObject]] = [:]
        try await withThrowingTaskGroup(of: (Int, [JSONObject]).self) { group in
            var next = 2
            func start() {
                let number = next
                next += 1
                group.addTask { (number, try await records.page(number, size: size, sort: order).items.map(\.fields)) }
            }
            while next <= min(pages, 5) { start() }
            while let (number, items) = try await group.next() {
                fetched[number] = items
                if next <= pages { start() }
            }
        }
        for number in 2...pages { result += fetched[number] ?? [] }
        return result
    }

    init<R: ListableRecord>(_ records: Records<R>, merge: (@Sendable (String, [String]) async throws -> JSONObject)?) {
        all = { try await Self.allPages(records) }
        get = { try await records.get(.init($0)).fields }
        create = { try await records.create(R(fields: $0)).fields }
        update = { try await records.update(.init($0), R(fields: $1)).fields }
        bulkDelete = { try await records.bulkDelete($0.map { .init($0) }).deleted ?? [] }
        self.merge = merge
    }
}
