import CRMImport
import CRMModel
import Foundation

/// A preview for people (each record's source values, then what the mapping made of them) or
/// as one JSON document (`--json`).
struct MappingPreviewPrinter {
    let output: Output

    func print(_ preview: MappingPreview) {
        if output.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let data = try? encoder.encode(preview), let text = String(data: data, encoding: .utf8) {
                output.line(text)
            }
            return
        }
        output.line(
            output.bold(
                "\(preview.file): the first \(preview.records.count) records "
                    + "as \(preview.entity.plural) with \(preview.mapping)"
            ))
        for note in preview.notes { output.line("\(note)") }
        for issue in preview.readIssues { output.line("\(issue)") }
        for record in preview.records { print(record) }
    }

    private func print(_ record: PreviewRecord) {
        output.line("")
        let verdict = record.rejected ? "rejected" : record.dropped.isEmpty ? "ok" : "ok, values dropped"
        output.line(output.bold("line \(record.line) (record \(record.record)): \(verdict)"))
        let rows = sourceLines(record).zipLongest(mappedLines(record))
        let width = min(48, rows.map { $0.0.count }.max() ?? 0)
        for (left, right) in rows {
            let padded = left.count < width ? left + String(repeating: " ", count: width - left.count) : left
            output.line("  \(padded)  \(right.isEmpty ? "" : "→ " + right)")
        }
        for issue in record.readIssues { output.line("  altered by the reader: \(issue.message)") }
        // The record's line heads this block, so its problems are printed without their location.
        for diagnostic in record.dropped.map(\.droppedDiagnostic) + record.problems.map(\.diagnostic) {
            var unplaced = diagnostic
            unplaced.file = nil
            output.line("  \(unplaced)")
        }
    }

    private func sourceLines(_ record: PreviewRecord) -> [String] {
        record.source.map { "\($0.name) = \(Self.short($0.value, 40))" }
    }

    private func mappedLines(_ record: PreviewRecord) -> [String] {
        var lines: [String] = []
        for (key, value) in record.fields.sorted(by: { $0.key < $1.key }) {
            lines.append("\(key): \(Self.text(value))")
        }
        for reference in record.references {
            let byID = reference.byExternalId.map { " by \($0)" } ?? ""
            lines.append(
                "\(reference.field): \(reference.kind)\(byID) '\(reference.value)'"
                    + (reference.createIfMissing
                        ? " (created when missing)" : byID.isEmpty ? " (must exist)" : " (must be imported first)"))
        }
        for (key, value) in record.extras.sorted(by: { $0.key < $1.key }) {
            lines.append("extras.\(key): \(Self.text(value))")
        }
        if !record.matchKeys.isEmpty { lines.append("match keys: \(record.matchKeys.joined(separator: ", "))") }
        return lines
    }

    static func text(_ value: JSONValue) -> String {
        short(value.stringValue ?? Output.encode(value, pretty: false), 70)
    }

    static func short(_ text: String, _ limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: "↵").replacingOccurrences(of: "\n", with: "↵")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}

extension Array where Element == String {
    /// Pairs of this list's and `other`'s lines, the shorter padded with empty lines.
    func zipLongest(_ other: [String]) -> [(String, String)] {
        (0..<Swift.max(count, other.count)).map { ($0 < count ? self[$0] : "", $0 < other.count ? other[$0] : "") }
    }
}
