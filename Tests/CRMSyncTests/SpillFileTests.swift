import Foundation
import Testing
@testable import CRMSync

/// The spill file answers every range as appended, wherever it is at the time (the write buffer,
/// the block read last, the file), in whatever order ranges are asked for.
@Suite struct SpillFileTests {
    /// Items of varied length (empty to 3 KB), each filled with its own index.
    static func items(_ count: Int) -> [[UInt8]] {
        (0..<count).map { index in [UInt8](repeating: UInt8(index % 251), count: (index * 37) % 3_000) }
    }

    @Test(arguments: [1, 100, 4_096, 1 << 20])
    func everyRangeReadsBackAsAppended(chunkBytes: Int) throws {
        let file = try SpillFile(chunkBytes: chunkBytes)
        let items = Self.items(400)
        let places = try items.map { try file.append($0) }
        // In order (reads ahead a block at a time), backwards, then scattered.
        for (item, place) in zip(items, places) {
            #expect(try file.read(offset: place.offset, count: place.count) == item)
        }
        for (item, place) in zip(items, places).reversed() {
            #expect(try file.read(offset: place.offset, count: place.count) == item)
        }
        for index in stride(from: 0, to: items.count, by: 7).map({ ($0 * 13) % items.count }) {
            #expect(try file.read(offset: places[index].offset, count: places[index].count) == items[index])
        }
        try file.checkReads()
    }

    @Test func aRangePastTheEndIsAnErrorRememberedForLater() throws {
        let file = try SpillFile(chunkBytes: 16)
        let place = try file.append(Array("forty-two bytes of a step's body, and more".utf8))
        #expect(throws: RunError.self) { _ = try file.read(offset: place.offset + 8, count: place.count) }
        let error = #expect(throws: RunError.self) { try file.checkReads() }
        #expect(error?.description.contains("temporary file") == true)
    }

    @Test func stepsMovedToTheFileKeepTheirBodyAndKeys() throws {
        let file = try SpillFile(chunkBytes: 8)
        var step = PlanStep(id: 3, action: .create, entity: .contact)
        step.body = ["name": "Ada Lovelace", "email": [["value": "ada@example.com"]]]
        step.matchKeys = ["ada@example.com"]
        step.ledgerKeys = ["row\u{1F}abc"]
        let before = try step.jsonText()
        try step.spill(to: file)
        #expect(step.bodyText?.isSpilled == true)
        #expect(try step.jsonText() == before)
        #expect(step.body?["name"] == "Ada Lovelace")
    }
}
