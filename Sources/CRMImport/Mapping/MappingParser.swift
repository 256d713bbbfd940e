import Foundation
import Yams
import CRMModel

/// Reads a mapping file (YAML) into a `Mapping`, collecting every problem with its line and
/// column instead of stopping at the first. The format is documented in docs/mapping.md and
/// described for editors by docs/mapping.schema.json.
public enum MappingParser {
    /// Parses the mapping file at `path`.
    public static func load(path: String) throws -> Mapping {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MappingError([
                MappingDiagnostic(
                    location: MappingLocation(file: path, line: 1, column: 1),
                    message: "cannot read the mapping file: \(error.localizedDescription)",
                    hint: "check the path given to --mapping")
            ])
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses mapping text; `file` names it in diagnostics.
    public static func parse(yaml: String, file: String) throws(MappingError) -> Mapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw MappingError([yamlDiagnostic(error, file: file)])
        } catch {
            throw MappingError([
                MappingDiagnostic(location: MappingLocation(file: file, line: 1, column: 1), message: "\(error)")
            ])
        }
        guard let root else {
            throw MappingError([
                MappingDiagnostic(
                    location: MappingLocation(file: file, line: 1, column: 1),
                    message: "the mapping file is empty",
                    hint: "write the mapping as YAML; see docs/mapping.md")
            ])
        }
        var reader = MappingReader(file: file)
        guard let mapping = reader.mapping(root) else {
            throw MappingError(reader.diagnostics)
        }
        guard reader.diagnostics.isEmpty else { throw MappingError(reader.diagnostics) }
        return mapping
    }

    static func yamlDiagnostic(_ error: YamlError, file: String) -> MappingDiagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return MappingDiagnostic(
                location: MappingLocation(file: file, line: mark.line, column: mark.column),
                message: "not valid YAML: \(problem)", hint: "check indentation and quoting around this place")
        default:
            return MappingDiagnostic(
                location: MappingLocation(file: file, line: 1, column: 1), message: "not valid YAML: \(error)")
        }
    }
}

/// The state of one parse: the file name and the problems found so far.
struct MappingReader {
    let file: String
    var diagnostics: [MappingDiagnostic] = []

    func location(_ node: Node) -> MappingLocation {
        MappingLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func report(_ node: Node, _ message: String, hint: String? = nil) {
        diagnostics.append(MappingDiagnostic(location: location(node), message: message, hint: hint))
    }

    /// The pairs of a mapping node, or a diagnostic when the node is something else.
    mutating func pairs(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping (key: value lines)")
            return []
        }
        return mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, "\(what) must be a single value")
            return nil
        }
        return scalar.string
    }

    mutating func strings(_ node: Node, _ what: String) -> [String] {
        if case .sequence(let sequence) = node { return sequence.compactMap { string($0, what) } }
        return string(node, what).map { [$0] } ?? []
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard let value = node.bool else {
            report(node, "\(what) must be true or false")
            return nil
        }
        return value
    }

    /// A YAML value as JSON: plain scalars become numbers, booleans and null where they read as
    /// such; quoted scalars stay strings.
    func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if scalar.string == "true" { return true }
                if scalar.string == "false" { return false }
                if scalar.string == "null" || scalar.string == "~" { return .null }
                if let integer = Int64(scalar.string) { return .integer(integer) }
                if let double = Double(scalar.string), scalar.string.contains(".") { return .double(double) }
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            var object: JSONObject = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }

    /// Reports a key that is not among `known`, naming the closest known one.
    mutating func unknownKey(_ key: String, _ node: Node, in what: String, known: [String]) {
        let suggestion = known.min { editDistance($0, key) < editDistance($1, key) }
        let hint = suggestion.map {
            editDistance($0, key) <= 3 ? "did you mean '\($0)'?" : "known keys: \(known.joined(separator: ", "))"
        }
        report(node, "unknown key '\(key)' in \(what)", hint: hint)
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
