import CRMModel
import Yams

/// Reads one YAML file into typed values, collecting every problem with its line and column
/// instead of stopping at the first, and remembering where each element was written so that
/// lint can point at it.
struct YAMLReader {
    let file: String
    private(set) var diagnostics: [SchemaDiagnostic] = []
    private(set) var locations: [String: SourceLocation] = [:]

    init(file: String) { self.file = file }

    /// Parses the text; a syntax error becomes a diagnostic with the parser's mark.
    mutating func parse(_ text: String) -> Node? {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                error(at: nil, "the file is empty; it needs a YAML mapping (see docs/forms-as-code.md)")
                return nil
            }
            return root
        } catch let yamlError as YamlError {
            report(yamlError)
            return nil
        } catch {
            self.error(at: nil, "cannot parse YAML: \(error)")
            return nil
        }
    }

    private mutating func report(_ yamlError: YamlError) {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            diagnostics.append(.init(at: location(mark), "YAML syntax: \(detail); fix the indentation or quoting here"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            diagnostics.append(
                .init(
                    at: location(context.mark),
                    "duplicate key \(duplicates.joined(separator: ", ")) in this mapping; keep only one"))
        default:
            diagnostics.append(.init(at: SourceLocation(file: file), "cannot read YAML: \(yamlError)"))
        }
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func location(_ node: Node?) -> SourceLocation { location(node?.mark) }

    mutating func error(at node: Node?, _ message: String, hint: String? = nil) {
        diagnostics.append(.init(at: location(node), message, hint: hint))
    }

    mutating func remember(_ path: String, _ node: Node?) {
        locations[path] = location(node)
    }

    /// The pairs of a mapping, or a diagnostic naming what was expected. Unknown keys are errors
    /// when `allowed` is given, so a typo (`requird:`) is refused where it was typed, with the
    /// key it most likely meant, instead of being planned and applied as a new member.
    mutating func mapping(_ node: Node?, _ what: String, allowed: [String]? = nil) -> [(key: String, value: Node)]? {
        guard let node, case .mapping(let mapping) = node else {
            error(at: node, "\(what) must be a mapping (key: value lines)")
            return nil
        }
        var pairs: [(key: String, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error(at: keyNode, "keys in \(what) must be plain text")
                continue
            }
            if let allowed, !allowed.contains(key) {
                let hint =
                    Suggestion.hint(for: key, among: allowed)
                    ?? "expected one of: " + allowed.joined(separator: ", ")
                error(at: keyNode, "unknown key '\(key)' in \(what)", hint: hint)
                continue
            }
            pairs.append((key, value))
        }
        return pairs
    }

    mutating func sequence(_ node: Node?, _ what: String) -> [Node]? {
        guard let node, case .sequence(let sequence) = node else {
            error(at: node, "\(what) must be a list (lines starting with '- ')")
            return nil
        }
        return Array(sequence)
    }

    /// A text member that must be present; a missing one is reported at its parent mapping.
    mutating func requiredString(_ pairs: [(key: String, value: Node)], _ key: String, in parent: Node, _ what: String)
        -> String?
    {
        guard let node = pairs[key] else {
            error(at: parent, "\(what) needs '\(key)'")
            return nil
        }
        return string(node, "\(what)'s '\(key)'")
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node, let scalar = node.scalar, node.tag.rawValue != Tag.Name.null.rawValue else {
            error(at: node, "\(what) must be text")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node, let value = node.bool, node.tag.rawValue == Tag.Name.bool.rawValue else {
            error(at: node, "\(what) must be true or false")
            return nil
        }
        return value
    }

    /// Any YAML value as JSON, by its resolved tag (`'1'` stays text, `1` is a number).
    func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .integer(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .mapping(let mapping):
            var object: JSONObject = [:]
            for (key, value) in mapping { object[key.scalar?.string ?? ""] = json(value) }
            return .object(object)
        case .alias:
            return .null
        }
    }
}

extension Array where Element == (key: String, value: Node) {
    subscript(key: String) -> Node? { first { $0.key == key }?.value }
}
