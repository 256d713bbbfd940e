import CRMClient
import CRMModel

/// Where an export stands in an entity's id-ordered list, and how to find the next unseen
/// records from there.
///
/// The list API pages by offset, and offsets move: a record deleted behind the cursor pulls every
/// later record one place forward, onto the page already read. So a page is only trusted when the
/// record just before it (one record, asked for as a page of size 1) was already written; if
/// not, the cursor steps back a page. Deletions only ever move a later record onto an offset, so
/// a check made after the page was read is on the safe side. Records created during the export
/// get higher ids and arrive at the end. Together: every record present from start to end is
/// written exactly once, whatever is created or deleted meanwhile.
public struct ExportCursor: Sendable, Hashable, Codable {
    /// The page to try next (1-based).
    public var nextPage = 1
    /// The id of the last record written.
    public var lastID: String?
    /// Records written so far.
    public var written = 0
    public var finished = false

    public init() {}

    /// The next records after `lastID`, in id order; empty once the list is exhausted (and then
    /// `finished` is set).
    public mutating func advance(_ pager: RecordPager) async throws -> (records: [JSONObject], total: Int?) {
        var number = max(1, nextPage)
        while !finished {
            let page = try await pager.fetch(number)
            if number > 1, let lastID, !Self.written(page.items.first, lastID) {
                let before = try await pager.fetch(page: (number - 1) * pager.pageSize, size: 1)
                if !Self.written(before.items.first, lastID) {
                    number -= 1
                    continue
                }
            }
            let fresh = page.items.filter { record in
                guard let lastID else { return true }
                guard let id = RecordIDOrder.id(of: record) else { return false }
                return RecordIDOrder.precedes(lastID, id)
            }
            nextPage = number + 1
            if page.items.count < pager.pageSize { finished = true }
            if let last = fresh.last, let id = RecordIDOrder.id(of: last) {
                lastID = id
                written += fresh.count
                return (fresh, page.total)
            }
            if finished { return ([], page.total) }
            number += 1
        }
        return ([], nil)
    }

    /// Whether `record` is at or before `lastID` in id order (nil: no record there).
    private static func written(_ record: JSONObject?, _ lastID: String) -> Bool {
        guard let record, let id = RecordIDOrder.id(of: record) else { return false }
        return !RecordIDOrder.precedes(lastID, id)
    }
}
