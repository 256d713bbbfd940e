import CRMModel

/// Turns records into the text of an export file while they are downloaded, one page at a time,
/// so each record is parsed once (from the CRM's answer) and never read back from disk.
///
/// A file holds one or more entities in turn (several only in the CMT XML layout): the file's
/// head, then for each entity its head, its records and its tail, then the file's tail.
protocol ExportRenderer {
    func fileHead() -> String
    func entityHead(_ entity: EntityKind) -> String
    /// One page's records, which go at byte `offset` of the partial file.
    mutating func render(_ records: [JSONObject], entity: EntityKind, at offset: UInt64) -> String
    func entityTail(_ entity: EntityKind) -> String
    func fileTail() -> String
    /// What the renderer learned from the pages so far that a resumed export needs again (the
    /// flattened CSV's columns); saved with every checkpoint.
    var layout: CSVLayout? { get set }
}

extension ExportRenderer {
    func fileHead() -> String { "" }
    func entityHead(_ entity: EntityKind) -> String { "" }
    func entityTail(_ entity: EntityKind) -> String { "" }
    func fileTail() -> String { "" }
    var layout: CSVLayout? {
        get { nil }
        set {}
    }
}

/// JSON Lines: each record as the API returned it (keys sorted, as `JSONWriter` writes them).
struct JSONLinesRenderer: ExportRenderer {
    func render(_ records: [JSONObject], entity: EntityKind, at offset: UInt64) -> String {
        var text = ""
        text.reserveCapacity(records.count * 512)
        for record in records {
            JSONWriter.write(.object(record), to: &text)
            text += "\n"
        }
        return text
    }
}
