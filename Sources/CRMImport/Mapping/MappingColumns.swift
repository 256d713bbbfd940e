/// Checking the source fields a mapping names against the columns a CSV file has, so that a
/// typo in a column name is one error at the mapping's line, not an empty field in every record.
extension Mapping {
    /// Every source field the mapping names, with where it names it.
    public var sourceColumns: [SourceColumn] {
        (fields + customFields + extras).flatMap { Self.columns(of: $0.value) }
    }

    /// Diagnostics for the source fields the mapping names that are not among `available`.
    public func missingColumns(available: [String]) -> [MappingDiagnostic] {
        let known = Set(available)
        var reported = Set<String>()
        return sourceColumns.compactMap { column in
            guard !known.contains(column.name), reported.insert(column.name + "\(column.location)").inserted else { return nil }
            let close = available.min { editDistance($0, column.name) < editDistance($1, column.name) }
            let hint = close.flatMap { editDistance($0, column.name) <= 3 ? "did you mean '\($0)'?" : nil }
                ?? "the file's columns are: \(available.prefix(20).joined(separator: ", "))\(available.count > 20 ? ", …" : "")"
            return MappingDiagnostic(location: column.location, message: "the source has no field '\(column.name)'", hint: hint)
        }
    }

    static func columns(of rule: ValueRule) -> [SourceColumn] {
        switch rule.origin {
        case .columns(let columns): return columns
        case .template(let template): return template.columns
        case .constant: return []
        case .object(let members): return members.flatMap { columns(of: $0.1) }
        case .labeled(let entries):
            return entries.flatMap { entry in
                (entry.property == nil ? columns(of: entry.value) : []) + (entry.labelColumn.map { [$0] } ?? [])
            }
        }
    }
}
