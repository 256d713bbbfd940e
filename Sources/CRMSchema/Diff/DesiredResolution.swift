import CRMModel

/// Fills in what the files may leave out before comparing: ids of new dropdown options. An
/// option written `{label: PR}` takes the id of the live option with that label, else a slug
/// of the label, so the same files give the same ids on every instance.
enum DesiredResolution {
    static func resolve(_ desired: SchemaSpec, live: LiveObjects) -> SchemaSpec {
        var resolved = desired
        resolved.forms = desired.forms.map { form in
            let liveFields = live.forms.first { $0.spec.form == form.form }?.spec.fields ?? []
            return FormSpec(form: form.form, fields: form.fields.map { resolve($0, liveFields: liveFields) })
        }
        resolved.caseTypes = desired.caseTypes.map { caseType in
            var copy = caseType
            let liveFields = live.caseTypes.first { $0.spec.key == caseType.key }?.spec.form ?? []
            copy.form = caseType.form.map { resolve($0, liveFields: liveFields) }
            return copy
        }
        return resolved
    }

    static func resolve(_ field: FormField, liveFields: [FormField]) -> FormField {
        guard let options = field.options, options.contains(where: needsID) else { return field }
        let liveOptions = liveFields.first { $0.id == field.id }?.options ?? []
        var taken = Set(options.filter { !needsID($0) }.map(\.id))
        var copy = field
        copy.options = options.map { option in
            guard needsID(option), case .object(var members) = option.json else { return option }
            let id =
                liveOptions.first { $0.label.caseInsensitiveCompare(option.label) == .orderedSame }?.id
                ?? uniqueSlug(option.label, taken: taken)
            taken.insert(id)
            members["id"] = .string(id)
            return FormOption(json: .object(members)) ?? option
        }
        return copy
    }

    private static func needsID(_ option: FormOption) -> Bool {
        guard case .object(let members) = option.json else { return false }
        return members["id"] == nil
    }

    /// `"Public Relations"` → `"public_relations"`, like the CRM's readable option ids.
    static func uniqueSlug(_ label: String, taken: Set<String>) -> String {
        let base = CaseTypeKeys.slug(label).replacingOccurrences(of: "-", with: "_")
        guard taken.contains(base) else { return base }
        var counter = 2
        while taken.contains("\(base)_\(counter)") { counter += 1 }
        return "\(base)_\(counter)"
    }
}
