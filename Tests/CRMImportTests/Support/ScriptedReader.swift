@testable import CRMImport

/// A reader that yields the events it was given, then ends, or fails as a reader does when a
/// file breaks off; it counts how far it was read.
struct ScriptedReader: SourceRecordReader {
    struct BrokeOff: Error {}

    var events: [ReadEvent]
    var fails: Bool
    var index = 0

    init(events: [ReadEvent], fails: Bool) {
        self.events = events
        self.fails = fails
    }

    init(records: [SourceRecord], fails: Bool = true) {
        self.init(events: records.map(ReadEvent.record), fails: fails)
    }

    mutating func next() throws -> ReadEvent? {
        guard index < events.count else {
            if fails { throw BrokeOff() }
            return nil
        }
        index += 1
        return events[index - 1]
    }
}
