/// Checking the source fields a mapping names against the columns a CSV file has, so that a
/// typo in a column name is one error at the mapping's line, not an empty field in every record.
///
/// Real exports of one product differ by version and language, so a rule may name variants
/// (`from: [First Name, Vorname, Prénom]`: one of them must be there) or be `optional` (none need
/// be there). What an optional rule misses is a note, given once per file.
extension Mapping {
    /// Every source field the mapping names, with where it names it.
    public var sourceColumns: [SourceColumn] {
        (fields + customFields + extras).flatMap { Self.columns(of: $0.value) }
    }

    /// Diagnostics for the source fields the mapping needs that are not among `available`.
    public func missingColumns(available: [String]) -> [MappingDiagnostic] {
        columnCheck(available: available).errors
    }

    /// The mapping's columns against a file's: `errors` for columns a rule needs and the file
    /// lacks, `notes` for columns of optional rules the file lacks (their rules give no value).
    public func columnCheck(available: [String]) -> (errors: [MappingDiagnostic], notes: [MappingDiagnostic]) {
        var check = ColumnCheck(available: available)
        for rule in fields + customFields + extras { check.rule(rule.value, target: rule.target, optional: false) }
        return (check.errors, check.notes)
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

/// One pass over a mapping's rules, collecting what is missing from a file's columns.
private struct ColumnCheck {
    let available: [String]
    let known: Set<String>
    var errors: [MappingDiagnostic] = []
    var notes: [MappingDiagnostic] = []
    private var reported = Set<String>()

    init(available: [String]) {
        self.available = available
        self.known = Set(available)
    }

    mutating func rule(_ rule: ValueRule, target: String, optional inherited: Bool) {
        let optional = inherited || rule.optional
        switch rule.origin {
        case .columns(let columns):
            // Variants: the first present one is read, so one of them is enough.
            if !columns.isEmpty, !columns.contains(where: { known.contains($0.name) }) {
                missing(columns, target: target, optional: optional)
            }
        case .template(let template):
            let absent = template.columns.filter { !known.contains($0.name) }
            // One note for an optional template; one error per column (each with its hint) otherwise.
            if optional, !absent.isEmpty { missing(absent, target: target, optional: true, every: true) }
            if !optional { for column in absent { missing([column], target: target, optional: false) } }
        case .constant: break
        case .object(let members):
            for (name, member) in members { self.rule(member, target: "\(target).\(name)", optional: optional) }
        case .labeled(let entries):
            for entry in entries {
                let entryOptional = optional || entry.value.optional
                if entry.property == nil { self.rule(entry.value, target: target, optional: entryOptional) }
                if let label = entry.labelColumn, !known.contains(label.name) {
                    missing([label], target: target, optional: entryOptional)
                }
            }
        }
        for alternative in rule.alternatives { self.rule(alternative, target: target, optional: optional) }
    }

    /// `every`: each of `columns` is needed (a template's), not one of them (variants).
    private mutating func missing(_ columns: [SourceColumn], target: String, optional: Bool, every: Bool = false) {
        guard let first = columns.first,
            reported.insert(columns.map(\.name).joined(separator: "\u{1F}") + "\(first.location)").inserted
        else { return }
        let names = columns.map { "'\($0.name)'" }
        let what =
            names.count == 1
            ? "no field \(names[0])"
            : every
                ? "no fields \(names.joined(separator: ", "))" : "none of the fields \(names.joined(separator: ", "))"
        if optional {
            notes.append(
                MappingDiagnostic(
                    location: first.location,
                    message: "the source has \(what); \(target) is left empty from it (optional)", severity: .note))
            return
        }
        let name = first.name
        let close = available.min { editDistance($0, name) < editDistance($1, name) }
        let hint =
            close.flatMap { editDistance($0, name) <= 3 ? "did you mean '\($0)'?" : nil }
            ?? "the file's columns are: "
            + "\(available.prefix(20).joined(separator: ", "))\(available.count > 20 ? ", …" : ""); "
            + "add the file's name to from: [...] as a variant, or write optional: true on the rule"
        errors.append(MappingDiagnostic(location: first.location, message: "the source has \(what)", hint: hint))
    }
}
