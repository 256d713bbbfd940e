/// Rows a CSV reader parsed together, kept as the bytes of their values back to back plus where
/// each value ends. A record read from a CSV file is a row of a batch (`SourceRecord.row`): its
/// values become `String`s only when something asks for them, and a field's name is the
/// column's, found by its position. A mapping reads a handful of a wide export's columns, so most
/// values of a row are never made into strings at all.
///
/// Immutable once built, so records holding it can go to any thread.
final class CSVRowBatch: Sendable {
    /// The file the rows were read from: the one string every record of the file names it by
    /// (`SourceRecord.provenance`), held here rather than by each record.
    let file: String
    /// The column names by position: the header made unique, then positional names
    /// (`column_N`) for values beyond it.
    let names: [String]
    /// Positions by name, first of each name (shared by every batch of a file).
    let positions: [String: Int]
    /// The UTF-8 of every value, back to back.
    let bytes: [UInt8]
    /// For each value in the batch: where it ends in `bytes`, with `Self.absent` set for a value
    /// that is not part of its record (a null token). A value starts where the previous one ends.
    let ends: [UInt32]
    /// For each row, the index of its first value in `ends`; one more entry closes the last row.
    let rowStarts: [Int]

    static let absent: UInt32 = 1 << 31
    static let endMask: UInt32 = ~absent

    init(file: String, names: [String], positions: [String: Int], bytes: [UInt8], ends: [UInt32], rowStarts: [Int]) {
        self.file = file
        self.names = names
        self.positions = positions
        self.bytes = bytes
        self.ends = ends
        self.rowStarts = rowStarts
    }

    var rowCount: Int { rowStarts.count - 1 }

    /// Where value `index` lies in the bytes: from the previous value's end to its own.
    static func bytes(of index: Int, _ ends: [UInt32]) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1] & endMask))..<Int(ends[index] & endMask)
    }

    /// How many values row `row` has (absent ones included): its width as read.
    func width(of row: Int) -> Int { rowStarts[row + 1] - rowStarts[row] }

    /// The value at `position` of `row`, or nil when the row is shorter or the value absent.
    func value(row: Int, position: Int) -> String? {
        let index = rowStarts[row] + position
        guard position >= 0, index < rowStarts[row + 1] else { return nil }
        if ends[index] & Self.absent != 0 { return nil }
        let range = Self.bytes(of: index, ends)
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
    }

    /// The value at `position` of `row` when the column there is called `name` (a column bound
    /// to the header's position), else the first value called `name`.
    func value(row: Int, at position: Int, named name: String) -> String? {
        if position < names.count, names[position] == name { return value(row: row, position: position) }
        return first(name, row: row)
    }

    /// The value of `row` in the column called `name` (or a positional name, `_93`, for a
    /// value beyond the header), or nil.
    func first(_ name: String, row: Int) -> String? {
        if let position = positions[name] { return value(row: row, position: position) }
        guard let position = CSVHeader.position(ofPositionalName: name), position >= names.count else { return nil }
        return value(row: row, position: position)
    }

    /// Whether row `row` has any value present.
    func hasValues(row: Int) -> Bool {
        (0..<width(of: row)).contains { isPresent(row: row, position: $0) }
    }

    /// The name of the value at `position`.
    func name(at position: Int) -> String {
        position < names.count ? names[position] : CSVHeader.positionalName(position)
    }

    /// The names of row `row`'s values that are present, without reading the values.
    func names(row: Int) -> [String] {
        var names: [String] = []
        names.reserveCapacity(width(of: row))
        for position in 0..<width(of: row) where isPresent(row: row, position: position) {
            names.append(name(at: position))
        }
        return names
    }

    /// Whether row `row` has a value at `position` (it is wide enough and the value not absent).
    func isPresent(row: Int, position: Int) -> Bool {
        position < width(of: row) && ends[rowStarts[row] + position] & Self.absent == 0
    }

    /// Row `row` as a list of fields (what `SourceRecord.fields` gives for a row).
    func fields(row: Int) -> [SourceField] {
        var fields: [SourceField] = []
        fields.reserveCapacity(width(of: row))
        for position in 0..<width(of: row) {
            if let value = value(row: row, position: position) {
                fields.append(SourceField(name: name(at: position), value: value))
            }
        }
        return fields
    }
}

/// Builds a `CSVRowBatch` as the reader parses: values are appended to the row being read, which
/// can be abandoned (when the reader must read more of the file and parse the row again) or
/// closed.
struct CSVRowBatchBuilder {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [UInt32] = []
    private(set) var rowStarts: [Int] = [0]
    /// Where the row being read starts, to abandon it.
    private var rowBytes = 0

    init(expectedRows: Int, expectedValues: Int) {
        rowStarts.reserveCapacity(expectedRows + 1)
        ends.reserveCapacity(expectedValues)
        bytes.reserveCapacity(expectedValues * 8)
    }

    var rowCount: Int { rowStarts.count - 1 }
    /// Values of the row being read so far.
    var openWidth: Int { ends.count - rowStarts[rowStarts.count - 1] }
    var byteCount: Int { bytes.count }

    mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        if !value.isEmpty { bytes.append(contentsOf: value) }
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Appends the values of a whole row at once: `values` back to back, `ends` already
    /// counted from `byteCount` (see `CSVPlainRowReader`).
    mutating func appendValues(_ values: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<UInt32>) {
        bytes.append(contentsOf: values)
        self.ends.append(contentsOf: ends)
    }

    mutating func append(_ value: String) {
        bytes.append(contentsOf: value.utf8)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Marks the open row's value at `position` as not part of the record.
    mutating func markAbsent(_ position: Int) {
        ends[rowStarts[rowStarts.count - 1] + position] |= CSVRowBatch.absent
    }

    /// The open row's value at `position`.
    func openValue(_ position: Int) -> String {
        let range = CSVRowBatch.bytes(of: rowStarts[rowStarts.count - 1] + position, ends)
        return bytes.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
    }

    /// Whether the open row's value at `position` equals `text` byte for byte.
    func openValue(_ position: Int, equals text: [UInt8]) -> Bool {
        let range = CSVRowBatch.bytes(of: rowStarts[rowStarts.count - 1] + position, ends)
        guard range.count == text.count else { return false }
        return bytes.withUnsafeBufferPointer { $0[range].elementsEqual(text) }
    }

    /// Forgets the values of the open row.
    mutating func abandonRow() {
        ends.removeSubrange(rowStarts[rowStarts.count - 1]...)
        bytes.removeSubrange(rowBytes...)
    }

    /// Ends the open row: it becomes the batch's last row.
    mutating func closeRow() {
        rowStarts.append(ends.count)
        rowBytes = bytes.count
    }

    /// The batch of the closed rows, leaving the builder empty.
    mutating func finish(file: String, names: [String], positions: [String: Int]) -> CSVRowBatch {
        abandonRow()
        let batch = CSVRowBatch(
            file: file, names: names, positions: positions, bytes: bytes, ends: ends, rowStarts: rowStarts)
        let rows = rowStarts.count, values = ends.count, size = bytes.count
        self = CSVRowBatchBuilder(expectedRows: rows, expectedValues: values)
        bytes.reserveCapacity(size)
        return batch
    }
}
