import CRMModel

/// Prints a plan the way Terraform does: `+` create, `~` update, `-` delete, attribute rows with
/// `before → after`, then conflicts, warnings and a summary line. Colour only when asked (the CLI
/// asks on a TTY without `NO_COLOR`).
public struct PlanRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func render(_ plan: SchemaPlan) -> String {
        var lines: [String] = []
        if plan.changes.isEmpty {
            lines.append("No changes. The CRM matches the files.")
        } else {
            lines.append("crmkit will make these changes:")
            lines.append("")
            for change in plan.changes {
                lines.append("  " + paint(change.action, "\(change.action.symbol) \(change.address)"))
                for row in change.rows {
                    var indent = "      "
                    if !row.subject.isEmpty {
                        lines.append("      " + paint(row.action, "\(row.action.symbol) \(row.subject)"))
                        indent = "          "
                    }
                    for attribute in row.attributes { lines.append(indent + describe(attribute, row.action)) }
                }
            }
        }
        if !plan.conflicts.isEmpty {
            lines.append("")
            lines.append(
                paint(.delete, "Conflicts") + " (the CRM changed outside crmkit since the last pull or apply):")
            for conflict in plan.conflicts {
                lines.append("  " + paint(.delete, "! \(conflict.address)") + ": \(conflict.reason)")
            }
            lines.append(
                "  Run `crmkit schema pull` to keep the live version, or apply with --overwrite-drift to replace it.")
        }
        if !plan.warnings.isEmpty {
            lines.append("")
            lines.append(paint(.update, "Warnings") + " (records affected):")
            for warning in plan.warnings {
                let subject = warning.subject.isEmpty ? "" : " \(warning.subject)"
                lines.append("  " + paint(.update, "! \(warning.address)\(subject)") + ": \(warning.message)")
            }
        }
        if plan.hasChanges {
            lines.append("")
            lines.append(
                "Plan: \(plan.count(.create)) to create, \(plan.count(.update)) "
                    + "to update, \(plan.count(.delete)) to delete."
            )
            let deletions = plan.deletions
            if !deletions.isEmpty {
                lines.append("Deletions need --allow-destroy: " + deletions.joined(separator: ", ") + ".")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ attribute: AttributeDelta, _ action: ChangeAction) -> String {
        switch action {
        case .create: return "\(attribute.name): \(show(attribute.after))"
        case .delete: return "\(attribute.name): \(show(attribute.before))"
        case .update: return "\(attribute.name): \(show(attribute.before)) → \(show(attribute.after))"
        }
    }

    private func show(_ value: JSONValue?) -> String { value.map(\.description) ?? "(none)" }

    private func paint(_ action: ChangeAction, _ text: String) -> String {
        guard color else { return text }
        let code: String
        switch action {
        case .create: code = "32"
        case .update: code = "33"
        case .delete: code = "31"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
