import CRMModel
import Yams

/// Builds YAML with a fixed key order and style, so the same configuration always serialises to
/// the same bytes (a pull with no change rewrites nothing).
enum YAMLWriter {
    static func string(_ value: String) -> Node { .scalar(value.represented()) }

    static func bool(_ value: Bool) -> Node { Node(value ? "true" : "false", Tag(.bool)) }

    static func mapping(_ pairs: [(String, Node)], flow: Bool = false) -> Node {
        Node(pairs.map { (string($0.0), $0.1) }, Tag(.map), flow ? .flow : .block)
    }

    static func sequence(_ nodes: [Node], flow: Bool = false) -> Node {
        Node(nodes, Tag(.seq), flow ? .flow : .block)
    }

    /// Any JSON value; object keys sorted. Small objects and scalar arrays are written inline.
    static func json(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return bool(flag)
        case .integer(let number): return Node(String(number), Tag(.int))
        case .double(let number): return Node(Double(number).description, Tag(.float))
        case .string(let text): return string(text)
        case .array(let items):
            let scalarsOnly = items.allSatisfy { $0.arrayValue == nil && $0.objectValue == nil }
            return sequence(items.map(json), flow: scalarsOnly)
        case .object(let members):
            let scalarsOnly = members.values.allSatisfy { $0.arrayValue == nil && $0.objectValue == nil }
            return mapping(
                members.keys.sorted().compactMap { key in members[key].map { (key, json($0)) } }, flow: scalarsOnly)
        }
    }

    static let header =
        "# Managed with `crmkit schema` (see docs/forms-as-code.md). Edit, then run `crmkit schema plan`.\n"

    /// The file text: a fixed header comment, then the document.
    static func document(_ root: Node) throws -> String {
        header + (try serialize(node: root, indent: 2, width: -1, allowUnicode: true))
    }
}
