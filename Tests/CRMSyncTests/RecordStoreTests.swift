import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// `RecordStore.all` reads pages concurrently after the first: every record exactly once, in id
/// order, for totals on and off page boundaries.
@Suite struct RecordStoreTests {
    @Test(arguments: [0, 1, 999, 1000, 2_500])
    func allReturnsEveryRecordOnceInIdOrder(_ count: Int) async throws {
        try await ImportHarness.run { harness in
            let bodies: [JSONObject] = (0..<count).map { ["name": .string("Person \($0)")] }
            let created = try await harness.sandbox.bulkCreate(.contact, bodies)
            let all = try await RecordStore(client: harness.client, entity: .contact).all()
            let ids = all.compactMap { $0["id"]?.stringValue }
            #expect(ids.count == count)
            #expect(ids == created.sorted { Int($0) ?? 0 < Int($1) ?? 0 })
        }
    }
}
