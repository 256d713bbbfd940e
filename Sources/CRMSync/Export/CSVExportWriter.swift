import CRMImport
import CRMModel
import Foundation

/// Renders records as CSV rows with flattened columns (`FieldFlattener`), page by page.
///
/// The header holds every column any record has, so it is only known at the end. Rows are
/// written as pages arrive, laid out by the columns met so far (`CSVLayout`); once the last page
/// is in, `assemble` writes the header and copies the rows behind it, widening only the rows
/// written before a column first appeared (their cells move to the final positions, the new
/// columns stay empty). Records of one kind usually show every column on the first page, so the
/// rows are copied as they are.
struct CSVExportWriter: ExportRenderer {
    /// Organization names by id, for `organizationId.name`.
    let organizationNames: [String: String]
    var layout: CSVLayout? = CSVLayout()
    /// Each current column's position in a row, in header order.
    private var position: [String: Int] = [:]

    init(organizationNames: [String: String]) {
        self.organizationNames = organizationNames
    }

    mutating func render(_ records: [JSONObject], entity: EntityKind, at offset: UInt64) -> String {
        guard !records.isEmpty else { return "" }
        var current = layout ?? CSVLayout()
        if position.count != current.discovered.count { position = current.positions() }
        let flattened = records.map { FieldFlattener.flatten($0, organizationNames: organizationNames) }
        var grew = false
        for cells in flattened {
            for cell in cells where position[cell.column] == nil {
                current.discovered.append(cell.column)
                position[cell.column] = -1
                grew = true
            }
        }
        if grew || current.segments.isEmpty {
            current.segments.append(CSVLayout.Segment(offset: offset, columns: current.discovered.count))
            position = current.positions()
        }
        layout = current
        var text = ""
        var row = [String](repeating: "", count: current.discovered.count)
        for cells in flattened {
            for index in row.indices { row[index] = "" }
            for cell in cells {
                if let index = position[cell.column] { row[index] = cell.text }
            }
            CSVRow.append(row, to: &text)
        }
        return text
    }

    /// Writes `output`: the header, then the rows of the finished partial file `part`, each laid
    /// out by the final columns. Answers the columns.
    static func assemble(part: URL, layout: CSVLayout, to output: URL) throws -> [String] {
        let columns = layout.columns()
        let header = columns.isEmpty ? ["id"] : columns
        let sink = try ByteSink(url: output)
        var head = ""
        CSVRow.append(header, to: &head)
        try sink.write(Array(head.utf8))
        let reader = try PartReader(url: part)
        defer { reader.close() }
        let end = try reader.size()
        for (index, segment) in layout.segments.enumerated() {
            let stop = index + 1 < layout.segments.count ? layout.segments[index + 1].offset : end
            guard segment.offset <= stop, stop <= end else {
                throw ExportError.corruptSpool(
                    path: part.path, line: 0, reason: "its rows end at byte \(end), before byte \(stop)")
            }
            if segment.columns == layout.discovered.count {
                try reader.copy(from: segment.offset, to: stop, into: sink)
            } else {
                let final = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
                let moves = CSVLayout(discovered: Array(layout.discovered.prefix(segment.columns)), segments: [])
                    .columns().map { final[$0] ?? 0 }
                var widener = CSVRowWidener(moves: moves, width: header.count, path: part.path)
                try reader.read(from: segment.offset, to: stop) { bytes in try widener.feed(bytes, into: sink) }
                try widener.finish()
            }
        }
        try sink.close()
        return header
    }
}

/// The flattened CSV's columns while its rows are written page by page, kept in the export's
/// checkpoint so that a resumed export lays out its rows as the first run did.
struct CSVLayout: Codable, Hashable, Sendable {
    /// Every column met so far, in the order first met (a prefix of it is the column set at any
    /// earlier point of the export).
    var discovered: [String] = []
    /// Where rows start that are laid out by the first `columns` discovered columns, in header
    /// order; a new segment starts on each page that brings a column.
    var segments: [Segment] = []

    struct Segment: Codable, Hashable, Sendable {
        var offset: UInt64
        var columns: Int
    }

    /// The columns in header order: `id` first, then by name, list positions as numbers.
    func columns() -> [String] { discovered.sorted(by: FieldFlattener.columnPrecedes) }

    func positions() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: columns().enumerated().map { ($1, $0) })
    }
}

/// One CSV row with RFC 4180 quoting (the import's rejects file's rule), ending with CRLF.
enum CSVRow {
    static func text(_ fields: [String]) -> String {
        var text = ""
        append(fields, to: &text)
        return text
    }

    static func append(_ fields: [String], to text: inout String) {
        var first = true
        for field in fields {
            if !first { text += "," }
            first = false
            if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                text += RejectsFile.quoted(field)
            } else {
                text += field
            }
        }
        text += "\r\n"
    }
}

/// Re-lays out rows this writer wrote with fewer columns: splits each row into its cells (as
/// written, quotes included) and writes them at their final positions, the other cells empty.
struct CSVRowWidener {
    /// For each cell of an old row, its position in the final row.
    let moves: [Int]
    let width: Int
    let path: String
    private var cells: [[UInt8]] = []
    private var cell: [UInt8] = []
    private var quoted = false
    private var rows = 0

    init(moves: [Int], width: Int, path: String) {
        self.moves = moves
        self.width = width
        self.path = path
    }

    mutating func feed(_ bytes: ArraySlice<UInt8>, into sink: ByteSink) throws {
        var out: [UInt8] = []
        for byte in bytes {
            if quoted {
                cell.append(byte)
                if byte == UInt8(ascii: "\"") { quoted = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                quoted = true
                cell.append(byte)
            case UInt8(ascii: ","):
                cells.append(cell)
                cell.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "\n"):
                cells.append(cell)
                cell.removeAll(keepingCapacity: true)
                try emit(into: &out)
            default:
                cell.append(byte)
            }
        }
        try sink.write(out)
    }

    private mutating func emit(into out: inout [UInt8]) throws {
        rows += 1
        // A row of no columns is an empty line.
        if moves.isEmpty && cells == [[]] { cells = [] }
        guard cells.count == moves.count else {
            throw ExportError.corruptSpool(
                path: path, line: rows, reason: "a row of \(cells.count) cells where \(moves.count) were written")
        }
        var row = [[UInt8]](repeating: [], count: width)
        for (index, cell) in cells.enumerated() { row[moves[index]] = cell }
        for (index, cell) in row.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += cell
        }
        out += [13, 10]
        cells.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        guard cells.isEmpty, cell.isEmpty, !quoted else {
            throw ExportError.corruptSpool(path: path, line: rows + 1, reason: "its last row is cut off")
        }
    }
}
