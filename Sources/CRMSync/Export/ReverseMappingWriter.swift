import CRMImport
import CRMModel
import Foundation

/// Writes records in the layout a CSV mapping reads (`--mapping mappings/outlook-contacts.yaml`
/// writes an Outlook-layout CSV), by running each of the mapping's rules backwards where a rule
/// can be run backwards:
///
/// - a column (`jobTitle: "Job Title"`) gets the field's value; transforms that only normalise
///   (trim, email, phone, case) are left as they are, a `map` is looked up from value to key, a
///   `split` joins the list with its separator;
/// - a template of columns and spaces (`"{{First Name}} {{Middle Name}} {{Last Name}}"`) gets
///   the name split before its last word: the first column the words before, the family-name
///   column (named last, family or surname; else the last one) the last word;
/// - e-mail and phone entries with a fixed label (`{ from: "Mobile Phone", label: Mobile }`) get
///   the first value of that label (the primary one for an entry marked `primary: true`); with a
///   label column (`labelFrom`), the next values in order and their labels;
/// - a reference (`organizationId: { from: Company }`) gets the organization's name;
/// - custom fields get their value as text; the columns of `extras` are left empty.
///
/// Rules that cannot be reversed (constants, templates with other text, vCard properties) are
/// named in `skipped` so the user is told what the file leaves out.
struct ReverseMappingWriter: ExportRenderer {
    let mapping: Mapping
    let organizationNames: [String: String]
    /// The file's columns, worked out once from the mapping.
    private var orderedColumns: [Column] = []

    init(mapping: Mapping, organizationNames: [String: String]) {
        self.mapping = mapping
        self.organizationNames = organizationNames
        orderedColumns = layoutColumns()
    }

    /// One column: its name and how it is filled from a record.
    private struct Column {
        var name: String
        var fill: (JSONObject, inout [String: String]) -> Void
    }

    /// Rules of the mapping that the layout leaves out, as `target (reason)`.
    var skipped: [String] {
        (mapping.fields + mapping.customFields).compactMap { rule in
            switch rule.value.origin {
            case .constant: return "\(rule.target) (a constant)"
            case .object: return "\(rule.target) (an object rule)"
            case .template(let template) where !Self.isNameTemplate(template):
                return "\(rule.target) (a template with text)"
            case .labeled(let entries) where entries.contains(where: { $0.property != nil }):
                return "\(rule.target) (vCard properties)"
            default: return nil
            }
        }
    }

    /// Refuses a mapping that reads another format than CSV.
    func validate() throws(ExportError) {
        guard mapping.source.format == nil || mapping.source.format == .csv else {
            throw ExportError.mapping(
                path: mapping.file,
                reason:
                    "only a CSV mapping can be used to lay out an export (this one reads "
                    + "\(mapping.source.format.map { "\($0)" } ?? "another format"))"
            )
        }
    }

    /// The columns in the order the mapping names them, each once.
    private func layoutColumns() -> [Column] {
        var columns: [Column] = []
        for rule in mapping.fields { columns += self.columns(for: rule, custom: false) }
        for rule in mapping.customFields { columns += self.columns(for: rule, custom: true) }
        // Extras (birthday, source ids) are not CRM fields; their columns are written empty, since
        // the mapping refuses a file without them.
        for rule in mapping.extras {
            columns += self.columns(for: rule, custom: false).map { Column(name: $0.name) { _, _ in } }
        }
        var seen = Set<String>()
        return columns.filter { seen.insert($0.name).inserted }
    }

    func fileHead() -> String { CSVRow.text(orderedColumns.map(\.name)) }

    func render(_ records: [JSONObject], entity: EntityKind, at offset: UInt64) -> String {
        var text = ""
        for record in records {
            var cells: [String: String] = [:]
            for column in orderedColumns { column.fill(record, &cells) }
            CSVRow.append(orderedColumns.map { cells[$0.name] ?? "" }, to: &text)
        }
        return text
    }

    private func columns(for rule: FieldRule, custom: Bool) -> [Column] {
        let target = rule.target
        func value(_ record: JSONObject) -> JSONValue? {
            guard custom else { return record[target] }
            guard case .object(let fields) = record["customFields"] ?? .null else { return nil }
            return fields[target]
        }
        switch rule.value.origin {
        case .columns(let sources):
            guard let first = sources.first, first.parameter == nil || target == "organizationId" else { return [] }
            let transforms = rule.value.transforms
            let names = organizationNames
            return [
                Column(name: first.name) { record, cells in
                    guard let found = value(record) else { return }
                    var text = Self.text(found, target: target, transforms: transforms)
                    if target == "organizationId", let id = text { text = names[id] }
                    if let text, !text.isEmpty { cells[first.name] = text }
                }
            ]
        case .template(let template) where Self.isNameTemplate(template):
            let names = template.parts.compactMap { part -> String? in
                if case .column(let column) = part { return column.name }
                return nil
            }
            let family =
                names.first { name in
                    let lower = name.lowercased()
                    return lower.contains("last") || lower.contains("family") || lower.contains("surname")
                } ?? names.last
            return names.map { name in
                Column(name: name) { record, cells in
                    guard let whole = value(record)?.stringValue, !whole.isEmpty else { return }
                    var words = whole.split(separator: " ").map(String.init)
                    if names.count == 1 { return cells[name] = whole }
                    let last = words.popLast() ?? ""
                    if name == family { cells[name] = last }
                    if name == names.first, !words.isEmpty { cells[name] = words.joined(separator: " ") }
                }
            }
        case .labeled(let entries):
            return labeledColumns(entries, target: target)
        default:
            return []
        }
    }

    /// Entries of a labelled list spread over the mapping's entry columns: each fixed-label entry
    /// takes the first unused value of its label, label-column entries take the rest in order.
    private func labeledColumns(_ entries: [LabeledEntryRule], target: String) -> [Column] {
        let slots: [(value: String, label: String?, labelColumn: String?, primary: Bool)] = entries.compactMap {
            entry in
            guard entry.property == nil, case .columns(let sources) = entry.value.origin, let first = sources.first
            else { return nil }
            return (first.name, entry.label, entry.labelColumn?.name, entry.primary == true)
        }
        guard !slots.isEmpty else { return [] }
        // One column fills the whole list, so the assignment is made once per record.
        var columns = [
            Column(name: slots[0].value) { record, cells in
                guard case .array(let list) = record[target] ?? .null else { return }
                var unused = Array(list.indices)
                func take(_ index: Int) -> JSONValue { unused.removeAll { $0 == index }; return list[index] }
                for slot in slots {
                    var chosen: Int?
                    if let label = slot.label {
                        let matching = unused.filter {
                            list[$0]["label"]?.stringValue?.lowercased() == label.lowercased()
                        }
                        chosen =
                            slot.primary
                            ? (matching.first { list[$0]["primary"] == .bool(true) } ?? matching.first) : matching.first
                    } else {
                        chosen = unused.first
                    }
                    guard let index = chosen else { continue }
                    let entry = take(index)
                    cells[slot.value] = entry["value"]?.stringValue
                    if let labelColumn = slot.labelColumn { cells[labelColumn] = entry["label"]?.stringValue }
                }
            }
        ]
        for slot in slots.dropFirst() { columns.append(Column(name: slot.value) { _, _ in }) }
        for slot in slots {
            if let labelColumn = slot.labelColumn { columns.append(Column(name: labelColumn) { _, _ in }) }
        }
        return columns
    }

    /// A field's value as the mapping's source would have written it.
    private static func text(_ value: JSONValue, target: String, transforms: [Transform]) -> String? {
        var separator = ";"
        var reverse: [String: String] = [:]
        for transform in transforms {
            switch transform.kind {
            case .split(let by): separator = by
            case .map(let table, _):
                for (key, mapped) in table.sorted(by: { $0.key < $1.key }) {
                    if let mapped = mapped.stringValue, reverse[mapped] == nil { reverse[mapped] = key }
                }
            default: break
            }
        }
        let plain: String?
        switch value {
        case .null: plain = nil
        case .string(let text): plain = text
        case .bool(let flag): plain = flag ? "true" : "false"
        case .integer, .double: plain = JSONWriter.text(value)
        case .array(let items):
            plain = items.compactMap { $0["label"]?.stringValue ?? $0.stringValue ?? $0["value"]?.stringValue }.joined(
                separator: separator)
        case .object(let object):
            plain = object["id"]?.stringValue ?? object["name"]?.stringValue ?? JSONWriter.text(value)
        }
        guard let plain else { return nil }
        return reverse[plain] ?? plain
    }

    /// A template of columns separated by spaces only (a name split over columns).
    static func isNameTemplate(_ template: Template) -> Bool {
        template.parts.allSatisfy { part in
            if case .literal(let text) = part { return text.allSatisfy { $0 == " " } }
            return true
        }
    }
}
