import CRMClient
import CRMModel
import Foundation
import Synchronization
import Testing
@testable import CRMSync

/// A list the tests change between page requests, paged by offset in id order as the CRM does.
final class ChangingList: Sendable {
    private let state: Mutex<(ids: [Int], requests: Int)>
    /// Called before each page is answered, with the request number (1-based) and the ids.
    private let change: @Sendable (Int, inout [Int]) -> Void
    private let failOn: Set<Int>

    init(count: Int, failOn: Set<Int> = [], change: @escaping @Sendable (Int, inout [Int]) -> Void = { _, _ in }) {
        state = Mutex((Array(1...count), 0))
        self.change = change
        self.failOn = failOn
    }

    var ids: [Int] { state.withLock { $0.ids } }

    func pager(size: Int) -> RecordPager {
        RecordPager(entity: .contact, pageSize: size) { number, size in
            let (page, fail): ([Int], Bool) = self.state.withLock { state in
                state.requests += 1
                self.change(state.requests, &state.ids)
                let start = min(state.ids.count, (number - 1) * size)
                return (
                    Array(state.ids[start..<min(state.ids.count, start + size)]), self.failOn.contains(state.requests)
                )
            }
            if fail {
                throw CRMError.transport(
                    .init(method: "GET", path: "/directory/contacts"), reason: "connection dropped", attempts: 1)
            }
            return Page(items: page.map { ["id": .string(String($0))] }, page: number, size: size, total: nil)
        }
    }
}

@Suite struct ExportCursorTests {
    func drain(_ pager: RecordPager) async throws -> [Int] {
        var cursor = ExportCursor()
        var seen: [Int] = []
        while !cursor.finished {
            let (records, _) = try await cursor.advance(pager)
            seen += records.compactMap { RecordIDOrder.id(of: $0).flatMap { Int($0) } }
        }
        return seen
    }

    @Test(arguments: [0, 1, 9, 10, 11, 95])
    func everyRecordOnceWhenNothingChanges(_ count: Int) async throws {
        let list = count == 0 ? ChangingList(count: 1, change: { _, ids in ids = [] }) : ChangingList(count: count)
        #expect(try await drain(list.pager(size: 10)) == Array(0..<count).map { $0 + 1 })
    }

    /// Deleting records moves unseen ones onto pages already read; the cursor steps back and
    /// still writes every record that stayed, once, in order.
    @Test func deletionsBehindTheCursorLoseNothing() async throws {
        let list = ChangingList(count: 100) { request, ids in
            if request == 3 { ids.removeAll { $0 <= 15 } }
            if request == 6 { ids.removeAll { $0 <= 40 && $0 % 2 == 0 } }
        }
        let seen = try await drain(list.pager(size: 10))
        #expect(seen == seen.sorted() && Set(seen).count == seen.count, "written twice or out of order: \(seen)")
        #expect(Set(list.ids).isSubset(of: Set(seen)), "missing: \(Set(list.ids).subtracting(seen).sorted())")
        #expect(seen.count > list.ids.count)
    }

    /// Records created during the export have higher ids and arrive at the end.
    @Test func recordsCreatedMeanwhileAreWrittenOnce() async throws {
        let list = ChangingList(count: 35) { request, ids in
            if request == 2 { ids += [36, 37, 38] }
        }
        #expect(try await drain(list.pager(size: 10)) == Array(1...38))
    }

    /// A download cut off for good is continued by the next run from its checkpoint: the spool
    /// then holds every record once.
    @Test func aStoppedDownloadContinuesFromItsCheckpoint() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = directory.appendingPathComponent("contacts.jsonl.part")
        let failing = ChangingList(count: 57, failOn: Set(4...20))
        var download = ExportDownload(
            pagers: [failing.pager(size: 10)], part: spool, identity: "test", filter: .init(), layoutName: "jsonl")
        download.reconnectAttempts = 2
        download.reconnectDelay = .milliseconds(1)
        await #expect(throws: ExportError.self) { try await download.run() }
        let resumed = ExportDownload(
            pagers: [ChangingList(count: 57).pager(size: 10)], part: spool, identity: "test", filter: .init(),
            layoutName: "jsonl")
        #expect(try await resumed.run() == [57])
        var ids: [Int] = []
        try SpoolReader(url: spool).forEach { ids.append(Int(RecordIDOrder.id(of: $0) ?? "") ?? -1) }
        #expect(ids == Array(1...57))
    }

    /// A checkpoint of another export (other CRM or filter) is never continued.
    @Test func aCheckpointOfAnotherExportIsIgnored() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = directory.appendingPathComponent("contacts.jsonl.part")
        var download = ExportDownload(
            pagers: [ChangingList(count: 30, failOn: Set(2...9)).pager(size: 10)], part: spool, identity: "one",
            filter: .init(), layoutName: "jsonl")
        download.reconnectAttempts = 0
        await #expect(throws: ExportError.self) { try await download.run() }
        let other = ExportDownload(
            pagers: [ChangingList(count: 12).pager(size: 10)], part: spool, identity: "two", filter: .init(),
            layoutName: "jsonl")
        #expect(try await other.run() == [12])
    }
}
