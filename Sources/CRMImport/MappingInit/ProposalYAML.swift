/// Writing a proposal as a mapping file: every rule under a comment saying what was decided and
/// why, a summary at the top, and the match keys with the reason for each.
extension MappingProposal {
    public func yaml() -> String {
        var lines: [String] = []
        lines.append("# Proposed by `crmkit mapping init \(file.split(separator: "/").last.map(String.init) ?? file)`.")
        lines.append("# \(summary).")
        lines.append("# sure: a known export's column or a column name the vocabulary knows, its values checked;")
        lines.append("# guessed: from words in the column name or from its values; extra: kept, never sent to the CRM.")
        lines.append("# Check it with: crmkit mapping preview FILE --mapping THIS.yaml")
        lines.append("description: \(ProposalBuilder.quote((product ?? "Export") + " → CRM " + entity.plural))")
        var source = "source: { format: \(format.rawValue)"
        if !header { source += ", header: false" }
        if skipLines > 0 { source += ", skipLines: \(skipLines)" }
        lines.append(source + " }")
        lines.append("target: \(entity.rawValue)")
        lines.append("defaults: { region: US }   # phones without +country code are read as this region's")
        if !rules.isEmpty {
            lines.append("fields:")
            for rule in rules { append(rule, to: &lines) }
        }
        if !extras.isEmpty {
            lines.append("extras:")
            for rule in extras { append(rule, to: &lines) }
        }
        if !matchKeys.isEmpty {
            lines.append("matchKeys:")
            for key in matchKeys {
                let why =
                    key.first?.hasPrefix("extras.") == true && key.count == 1
                    ? "   # the exporting system's id: rows with different ids stay apart, a re-import finds them" : ""
                lines.append("  - [\(key.joined(separator: ", "))]\(why)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func append(_ rule: ProposedRule, to lines: inout [String]) {
        for comment in rule.comment.split(separator: "\n") {
            let text = comment.hasPrefix("# ") ? String(comment.dropFirst(2)) : String(comment)
            lines.append("  # \(text)")
        }
        lines.append("  \(ProposalBuilder.yamlKey(rule.target)):\(rule.yaml.hasPrefix("\n") ? "" : " ")\(rule.yaml)")
    }
}
