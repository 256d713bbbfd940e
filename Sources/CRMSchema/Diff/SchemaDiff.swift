import CRMModel

/// Compares the files with the live configuration, object by object, into plan changes.
/// Only objects the files manage are compared (see `SchemaDirectory`).
enum SchemaDiff {
    static func changes(desired: SchemaSpec, live: LiveObjects) -> [ObjectChange] {
        var changes: [ObjectChange] = []
        for form in desired.forms {
            let liveFields = live.forms.first { $0.spec.form == form.form }?.spec.fields ?? []
            let rows = FormDiff.rows(live: liveFields, desired: form.fields)
            if !rows.isEmpty {
                changes.append(
                    ObjectChange(address: .form(form.form), action: .update, rows: rows, desired: .form(form)))
            }
        }
        for tagSet in desired.tagSets {
            changes += TagDiff.changes(
                entity: tagSet.entity, live: live.tags[tagSet.entity] ?? [], desired: tagSet.tags)
        }
        if desired.caseTypesManaged {
            changes += CaseTypeDiff.changes(live: live.caseTypes, desired: desired.caseTypes)
        }
        return changes
    }
}
