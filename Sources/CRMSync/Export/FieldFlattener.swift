import CRMModel

/// Turns a record's nested JSON into flat `column → text` pairs, by rules a user can predict
/// from the record alone:
///
/// - a scalar member keeps its name: `name`, `jobTitle`;
/// - an object's members are joined by dots: `owner.id`, `customFields.cf_budget.amount`;
/// - a list's entries are numbered from 1: `email.1.value`, `email.1.label`, `email.2.value`;
///   in `email` and `phone` the primary entry comes first (an import makes the first one
///   primary), the others keep their order;
/// - `tags` become one column of labels separated by `;` (how tags are imported back);
/// - `organizationId` is followed by `organizationId.name`, the organization's name, when known
///   (ids differ from one CRM to the next; names are what an import matches on);
/// - null and empty lists leave no column (an empty cell);
/// - text is written as is, numbers as JSON writes them, booleans as `true`/`false`.
public enum FieldFlattener {
    public static func flatten(_ record: JSONObject, organizationNames: [String: String] = [:]) -> [(
        column: String, text: String
    )] {
        var cells: [(String, String)] = []
        for key in record.keys.sorted() {
            guard let value = record[key] else { continue }
            if key == "tags", case .array(let tags) = value {
                let labels = tags.compactMap { $0["label"]?.stringValue ?? $0.stringValue }
                if !labels.isEmpty { cells.append(("tags", labels.joined(separator: ";"))) }
                continue
            }
            if key == "email" || key == "phone", case .array(let entries) = value {
                let primary = entries.filter { $0["primary"] == .bool(true) }
                add(.array(primary + entries.filter { $0["primary"] != .bool(true) }), path: key, to: &cells)
            } else {
                add(value, path: key, to: &cells)
            }
            if key == "organizationId", let id = RecordIDOrder.id(of: ["id": value]), let name = organizationNames[id] {
                cells.append(("organizationId.name", name))
            }
        }
        return cells
    }

    private static func add(_ value: JSONValue, path: String, to cells: inout [(String, String)]) {
        switch value {
        case .null: return
        case .string(let text): cells.append((path, text))
        case .bool(let flag): cells.append((path, flag ? "true" : "false"))
        case .integer, .double: cells.append((path, JSONWriter.text(value)))
        case .array(let items):
            for (index, item) in items.enumerated() { add(item, path: "\(path).\(index + 1)", to: &cells) }
        case .object(let members):
            for key in members.keys.sorted() {
                if let member = members[key] { add(member, path: "\(path).\(key)", to: &cells) }
            }
        }
    }

    /// The id a reference field holds, written as an id (`"7"`), a number (`7`) or a linked
    /// record (`{"id": "7", "name": …}`); nil when it holds none.
    static func reference(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .object(let object): return reference(object["id"])
        default: return nil
        }
    }

    /// Column order: `id` first, then by name, list positions compared as numbers
    /// (`email.2.value` before `email.10.value`).
    public static func columnPrecedes(_ left: String, _ right: String) -> Bool {
        if left == right { return false }
        if left == "id" { return true }
        if right == "id" { return false }
        let l = left.split(separator: ".", omittingEmptySubsequences: false)
        let r = right.split(separator: ".", omittingEmptySubsequences: false)
        for (a, b) in zip(l, r) where a != b {
            if let x = Int(a), let y = Int(b) { return x < y }
            return a < b
        }
        return l.count < r.count
    }
}
