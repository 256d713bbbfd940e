import CRMModel

/// Rules for a list of fields (an entity form or a case type's form).
enum FormLint {
    static func check<Content>(_ fields: [FormField], path: String, in file: DecodedFile<Content>) -> [SchemaDiagnostic]
    {
        var diagnostics: [SchemaDiagnostic] = []
        var seen: [String: SourceLocation] = [:]
        let typeNames = FieldType.known.map(\.rawValue).joined(separator: ", ")
        for (index, field) in fields.enumerated() {
            let fieldPath = "\(path)[\(index)]"
            let id = field.id?.rawValue ?? ""
            if id.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(
                    .init(at: file.location("\(fieldPath).id"), "a field needs a non-empty 'id' (its stable key)"))
            } else if let first = seen[id] {
                diagnostics.append(
                    .init(
                        at: file.location("\(fieldPath).id"),
                        "duplicate field id '\(id)' (first at line \(first.line)); "
                            + "field ids must be unique within a form"
                    ))
            } else {
                seen[id] = file.location("\(fieldPath).id")
            }
            if (field.label ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(.init(at: file.location(fieldPath), "field '\(id)' needs a non-empty 'label'"))
            }
            switch field.type {
            case nil:
                diagnostics.append(
                    .init(at: file.location(fieldPath), "field '\(id)' needs a 'type' (one of: \(typeNames))"))
            case .other(let raw)?:
                diagnostics.append(
                    .init(
                        at: file.location("\(fieldPath).type"),
                        "field '\(id)' has unknown type '\(raw)'; use one of: \(typeNames)"))
            default:
                break
            }
            if let category = field.fields["category"], field.category == nil {
                diagnostics.append(
                    .init(
                        at: file.location("\(fieldPath).category"),
                        "field '\(id)' has category \(category); use default or custom"))
            }
            if [.emailLabeled, .telLabeled].contains(field.type), (field.labelOptions ?? []).isEmpty {
                diagnostics.append(
                    .init(
                        at: file.location(fieldPath),
                        "field '\(id)' is \(field.type?.rawValue ?? "labeled") "
                            + "and needs 'labelOptions' (e.g. [Work, Other])"
                    ))
            }
            diagnostics += options(field, id: id, path: fieldPath, in: file)
        }
        return diagnostics
    }

    private static func options<Content>(_ field: FormField, id: String, path: String, in file: DecodedFile<Content>)
        -> [SchemaDiagnostic]
    {
        let options = field.options ?? []
        if field.type == .dropdown && options.isEmpty {
            return [
                .init(
                    at: file.location(path), "dropdown field '\(id)' has no options; add at least one under 'options:'")
            ]
        }
        if field.type != .dropdown && !options.isEmpty {
            return [
                .init(
                    at: file.location("\(path).options"), severity: .warning,
                    "field '\(id)' is not a dropdown; its options are ignored")
            ]
        }
        var diagnostics: [SchemaDiagnostic] = []
        var seen = Set<String>()
        for (index, option) in options.enumerated() {
            let key =
                option.json.objectValue?["id"] == nil && option.json.stringValue == nil
                ? option.label.lowercased() : option.id
            if key.isEmpty {
                diagnostics.append(
                    .init(at: file.location("\(path).options[\(index)]"), "an option of '\(id)' needs an id or a label")
                )
            } else if !seen.insert(key).inserted {
                diagnostics.append(
                    .init(
                        at: file.location("\(path).options[\(index)]"),
                        "duplicate option '\(key)' in field '\(id)'; options must be unique"))
            }
        }
        return diagnostics
    }
}
