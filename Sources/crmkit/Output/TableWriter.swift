import CRMModel

/// A table column: its heading and the record member it shows.
struct Column: Sendable {
    var title: String
    var key: String

    init(_ title: String, _ key: String) {
        self.title = title
        self.key = key
    }

    func cell(_ row: JSONObject) -> String {
        let text = Cell.text(row[key] ?? .null)
        return text.count > 48 ? String(text.prefix(47)) + "…" : text
    }
}

/// Writes rows as aligned columns. Widths come from the first batch so that long lists (`--all`)
/// stream page by page instead of being held in memory; later cells wider than that just push
/// their line out. On a terminal the heading is bold (unless NO_COLOR) and underlined with a rule.
final class TableWriter {
    private let columns: [Column]
    private let output: Output
    private var widths: [Int]?

    init(_ columns: [Column], output: Output) {
        self.columns = columns
        self.output = output
    }

    func write(_ rows: [JSONObject]) {
        let cells = rows.map { row in columns.map { $0.cell(row) } }
        if widths == nil {
            let computed = columns.indices.map { index in
                max(columns[index].title.count, cells.map { $0[index].count }.max() ?? 0)
            }
            widths = computed
            output.line(output.bold(format(columns.map(\.title), computed)))
            if output.isTerminal {
                output.line(computed.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
            }
        }
        for row in cells { output.line(format(row, widths ?? [])) }
    }

    private func format(_ cells: [String], _ widths: [Int]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let isLast = index == cells.count - 1
            let width = index < widths.count ? widths[index] : 0
            parts.append(isLast ? cell : cell.padding(toLength: max(width, cell.count), withPad: " ", startingAt: 0))
        }
        return parts.joined(separator: "  ")
    }
}
