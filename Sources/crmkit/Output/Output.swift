import CRMModel
import Foundation

/// Where command results go: JSON for machines (`--json`), a table or `key: value` lines for
/// people. Colour only on a terminal and never when `NO_COLOR` is set. Diagnostics go to stderr.
struct Output: Sendable {
    let json: Bool
    let isTerminal: Bool
    let color: Bool

    init(json: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.json = json
        self.isTerminal = isatty(STDOUT_FILENO) != 0
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        self.color = isTerminal && !noColor && environment["TERM"] != "dumb"
    }

    /// One line on stderr (unbuffered, so it interleaves correctly with progress).
    static func diagnostic(_ line: String) {
        StandardStreams.writeError(line + "\n")
    }

    /// One line on stdout; a reader that went away ends the command quietly (`StandardStreams`).
    func line(_ text: String) {
        StandardStreams.writeOut(text + "\n")
    }

    /// A whole JSON document (pretty-printed, keys sorted): a record as the API returns it, or one
    /// of the commands' report types.
    func document<Document: Encodable>(_ value: Document) {
        line(Self.encode(value, pretty: true))
    }

    /// A record or list as the API returns it.
    func document(_ value: JSONValue) {
        line(Self.encode(value, pretty: true))
    }

    /// One NDJSON line.
    func streamLine(_ value: JSONValue) {
        line(Self.encode(value, pretty: false))
    }

    /// A single record: JSON, or one `key: value` line per member for people.
    func record(_ value: JSONValue) {
        guard !json, case .object(let object) = value else { return document(value) }
        let width = object.keys.map(\.count).max() ?? 0
        for key in object.keys.sorted() {
            let name = key.padding(toLength: width, withPad: " ", startingAt: 0)
            line("\(bold(name))  \(Cell.text(object[key] ?? .null))")
        }
    }

    /// A short confirmation for people, or the same facts as a JSON object for machines.
    func done<Report: Encodable>(_ message: String, json report: Report) {
        if json { document(report) } else { line(message) }
    }

    /// `done` with the API's own JSON (a record the command changed, its id).
    func done(_ message: String, json value: JSONValue) {
        if json { document(value) } else { line(message) }
    }

    func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    static func encode<Value: Encodable>(_ value: Value, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// How a JSON value reads in a table cell or a `key: value` line.
enum Cell {
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        case .bool(let flag): return flag ? "yes" : "no"
        case .integer, .double: return value.description
        case .array(let items):
            return items.map { item in
                item["value"]?.stringValue ?? item["label"]?.stringValue ?? item["name"]?.stringValue ?? text(item)
            }.joined(separator: ", ")
        case .object(let object):
            if let amount = object["amount"], let code = object["code"]?.stringValue { return "\(amount) \(code)" }
            return object["name"]?.stringValue ?? object["label"]?.stringValue ?? object["id"]?.stringValue
                ?? value.description
        }
    }
}
