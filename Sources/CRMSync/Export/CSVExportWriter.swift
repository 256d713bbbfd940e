import CRMImport
import CRMModel
import Foundation

/// Writes a spool as CSV with flattened columns (`FieldFlattener`). The columns are every
/// column any record has, so the spool is read twice: once to learn them (holding only their
/// names), once to write the rows.
struct CSVExportWriter {
    /// Organization names by id, for `organizationId.name`.
    let organizationNames: [String: String]

    /// Writes the CSV; answers its columns.
    @discardableResult
    func write(spool: URL, to output: URL) throws -> [String] {
        var columns = Set<String>()
        try SpoolReader(url: spool).forEach { record in
            for cell in FieldFlattener.flatten(record, organizationNames: organizationNames) {
                columns.insert(cell.column)
            }
        }
        // An export of no records still has a header.
        let ordered = columns.isEmpty ? ["id"] : columns.sorted(by: FieldFlattener.columnPrecedes)
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
        let sink = try TextSink(url: output)
        try sink.write(CSVRow.text(ordered))
        var row = [String](repeating: "", count: ordered.count)
        try SpoolReader(url: spool).forEach { record in
            for index in row.indices { row[index] = "" }
            for cell in FieldFlattener.flatten(record, organizationNames: organizationNames) {
                if let index = position[cell.column] { row[index] = cell.text }
            }
            try sink.write(CSVRow.text(row))
        }
        try sink.close()
        return ordered
    }
}

/// One CSV row with RFC 4180 quoting (the import's rejects file's rule), ending with CRLF.
enum CSVRow {
    static func text(_ fields: [String]) -> String {
        fields.map(RejectsFile.quoted).joined(separator: ",") + "\r\n"
    }
}
