/// Tries a rule on sampled records with the mapper itself, so that a proposal maps a column
/// with a transform only when that transform takes every value the column holds (a proposed
/// mapping that drops values on its first run would teach nothing).
struct TransformProbe {
    let records: [SourceRecord]
    let format: SourceFormat

    /// Whether `rule` (a YAML flow mapping for an extra, e.g. `{ from: "Phone", transforms: [phone] }`)
    /// maps every sampled record without a problem or a dropped value.
    func accepts(_ rule: String) -> Bool {
        let yaml = "target: contact\nsource: { format: \(format.rawValue) }\nextras:\n  probe: \(rule)\n"
        guard let mapping = try? MappingParser.parse(yaml: yaml, file: "probe.yaml") else { return false }
        let mapper = Mapper(mapping: mapping)
        for record in records {
            let draft = mapper.map(record)
            if !draft.problems.isEmpty || !draft.dropped.isEmpty || !draft.pendingDrops.isEmpty { return false }
        }
        return true
    }

    /// Whether a labeled entry rule (for `email` or `phone`) maps every record cleanly.
    func acceptsEntry(_ target: String, _ entry: String, transform: String) -> Bool {
        let yaml =
            "target: contact\nsource: { format: \(format.rawValue) }\nfields:\n  \(target):\n"
            + "    entries:\n      - \(entry)\n    transforms: [\(transform)]\n"
        guard let mapping = try? MappingParser.parse(yaml: yaml, file: "probe.yaml") else { return false }
        let mapper = Mapper(mapping: mapping)
        for record in records {
            let draft = mapper.map(record)
            if !draft.problems.isEmpty || !draft.dropped.isEmpty || !draft.pendingDrops.isEmpty { return false }
        }
        return true
    }
}
