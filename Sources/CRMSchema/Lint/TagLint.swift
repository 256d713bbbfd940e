/// Rules for one entity's tags: labels present, unique ignoring case (as the CRM compares them),
/// at most 100 characters; colours valid.
enum TagLint {
    static func check(_ file: DecodedFile<TagSetSpec>) -> [SchemaDiagnostic] {
        guard let tagSet = file.content else { return [] }
        var diagnostics: [SchemaDiagnostic] = []
        var seen: [String: Int] = [:]
        for (index, tag) in tagSet.tags.enumerated() {
            let path = "tags[\(index)]"
            let label = tag.label.trimmingCharacters(in: .whitespaces)
            if label.isEmpty {
                diagnostics.append(.init(at: file.location("\(path).label"), "a tag needs a non-empty 'label'"))
            } else if label.count > 100 {
                diagnostics.append(
                    .init(
                        at: file.location("\(path).label"), "tag label is \(label.count) characters; the CRM allows 100"
                    ))
            } else if let first = seen[tag.matchKey] {
                diagnostics.append(
                    .init(
                        at: file.location("\(path).label"),
                        "duplicate tag label '\(tag.label)' (same as tag \(first + 1), "
                            + "ignoring case); labels are the tags' keys and must be unique"
                    ))
            } else {
                seen[tag.matchKey] = index
            }
            diagnostics += ColorLint.check(tag.color, at: file.location("\(path).color"), what: "tag '\(tag.label)'")
        }
        let labels = Set(tagSet.tags.map(\.matchKey))
        for (index, tag) in tagSet.tags.enumerated() {
            guard let old = tag.renamedFrom, labels.contains(old.lowercased()) else { continue }
            diagnostics.append(
                .init(
                    at: file.location("tags[\(index)].renamedFrom"), severity: .warning,
                    "tag '\(tag.label)' is renamed from '\(old)', which is "
                        + "still a tag in this file; the rename is ignored"
                ))
        }
        return diagnostics
    }
}
