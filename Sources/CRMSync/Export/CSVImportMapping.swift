import CRMModel

/// The mapping that reads a flattened CSV export back with `crmkit import`, written next to the
/// CSV for contacts and organizations. It names exactly the columns the CSV has (a mapping that
/// names a missing column is refused), so it is made from the export's own header.
///
/// Read back: the entity's plain fields, every numbered e-mail and phone with its label, the
/// organization by name (created when missing), tags; the id as an external id that keeps each
/// exported record one record (never sent). Not read back: times, owners (the
/// target CRM sets its own), primary flags (a mapping has no column for them: the CRM makes the
/// first entry primary) and custom fields.
enum CSVImportMapping {
    static let plainFields: [EntityKind: [String]] = [
        .contact: ["name", "jobTitle", "department", "seniorityLevel", "linkedin", "note"],
        .organization: ["name", "address", "industry", "size", "annualRevenue", "website", "note"],
    ]

    static func yaml(entity: EntityKind, columns: [String], csvName: String, mappingName: String) -> String? {
        guard let plain = plainFields[entity] else { return nil }
        let present = Set(columns)
        var lines = [
            "# Reads \(csvName), written by `crmkit export \(entity.plural) --format csv`, back into the CRM:",
            "#   crmkit import \(csvName) --mapping \(mappingName)",
            "description: crmkit CSV export → CRM \(entity.plural)",
            "source: { format: csv }",
            "target: \(entity.rawValue)",
            "defaults: { region: US }",
            "fields:",
        ]
        for field in plain where present.contains(field) { lines.append("  \(field): \(quoted(field))") }
        for (list, transform) in [("email", "email"), ("phone", "phone")] {
            let positions = columns.compactMap { column -> Int? in
                let parts = column.split(separator: ".")
                guard parts.count == 3, parts[0] == list, parts[2] == "value" else { return nil }
                return Int(parts[1])
            }.sorted()
            guard !positions.isEmpty else { continue }
            lines.append("  \(list):")
            lines.append("    entries:")
            for position in positions {
                var entry = "      - { from: \(quoted("\(list).\(position).value"))"
                if present.contains("\(list).\(position).label") {
                    entry += ", labelFrom: \(quoted("\(list).\(position).label"))"
                }
                lines.append(entry + " }")
            }
            lines.append("    transforms: [\(transform)]")
        }
        if entity == .contact, present.contains("organizationId.name") {
            lines.append("  organizationId: { from: \(quoted("organizationId.name")), create: true }")
        }
        if present.contains("tags") {
            lines.append("  tags: { from: tags, transforms: [{ split: \";\" }], create: true }")
        }
        // The exported id, never sent: each exported record stays one record, even where two
        // of them look alike (an external id keeps rows apart, see docs/import.md).
        if present.contains("id") { lines += ["extras:", "  exportedId: \(quoted("id"))"] }
        lines.append("matchKeys:")
        if present.contains("id") { lines.append("  - [extras.exportedId]") }
        if entity == .contact {
            if present.contains("email.1.value") { lines.append("  - [email]") }
            lines.append("  - [name]")
        } else {
            lines.append("  - [name]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String { "\"" + text + "\"" }
}
