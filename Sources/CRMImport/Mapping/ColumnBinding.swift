/// Source columns bound to their position in a file's header, so that finding a column's value
/// in a record is one comparison instead of a search through the record's fields.
///
/// Why: searched by name for each of the mapping's columns, a record's fields are compared with
/// names read from YAML, which do not share storage with the names the reader made, so every
/// comparison takes Swift's full Unicode-aware path. A bound column holds the header's own string
/// for its name, so the check that the field at its position has that name compares the same
/// storage. The position is only a guess that is checked: a record whose fields differ (a ragged
/// row, a vCard) is searched by name.
extension Mapping {
    /// The mapping with each source column that `header` has given its position and the
    /// header's string for its name.
    func bound(to header: [String]) -> Mapping {
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() where positions[name] == nil { positions[name] = index }
        let bind = ColumnBinder(header: header, positions: positions)
        var bound = self
        bound.fields = fields.map(bind.rule)
        bound.customFields = customFields.map(bind.rule)
        bound.extras = extras.map(bind.rule)
        return bound
    }
}

private struct ColumnBinder {
    let header: [String]
    let positions: [String: Int]

    func rule(_ rule: FieldRule) -> FieldRule {
        var rule = rule
        rule.value = value(rule.value)
        return rule
    }

    func value(_ rule: ValueRule) -> ValueRule {
        var rule = rule
        switch rule.origin {
        case .columns(let columns):
            // Variants the header lacks can hold no value in any row: left out, so that a blank
            // value is not searched for under their names in every record.
            let present = columns.filter { $0.parameter != nil || positions[$0.name] != nil }
            rule.origin = .columns((present.isEmpty ? Array(columns.prefix(1)) : present).map(column))
        case .template(var template):
            template.parts = template.parts.map { part in
                if case .column(let c) = part { return .column(column(c)) }
                return part
            }
            rule.origin = .template(template)
        case .constant: break
        case .object(let members): rule.origin = .object(members.map { ($0.0, value($0.1)) })
        case .labeled(let entries):
            rule.origin = .labeled(
                entries.map { entry in
                    var entry = entry
                    entry.value = value(entry.value)
                    entry.labelColumn = entry.labelColumn.map(column)
                    return entry
                })
        }
        rule.alternatives = rule.alternatives.map(value)
        return rule
    }

    func column(_ column: SourceColumn) -> SourceColumn {
        guard let position = positions[column.name] else { return column }
        var column = column
        column.name = header[position]
        column.position = position
        return column
    }
}

extension SourceColumn {
    /// This column's value in `record` (see `SourceRecord.value(ofColumn:parameter:position:)`).
    func value(in record: SourceRecord) -> String? {
        record.value(ofColumn: name, parameter: parameter, position: position)
    }
}

extension SourceRecord {
    /// The value of a mapping's column: the field at `position` (a column bound to the header)
    /// when it has this name, else the first field with this name; with `parameter`, that
    /// parameter of the first such field instead.
    func value(ofColumn name: String, parameter: String?, position: Int?) -> String? {
        if let parameter { return self.parameter(parameter, ofFirst: name) }
        if let position { return value(at: position, named: name) }
        return first(name)
    }
}
