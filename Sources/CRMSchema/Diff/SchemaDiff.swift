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
                changes.append(ObjectChange(address: .form(form.form), action: .update, rows: rows, desired: .form(form)))
            }
        }
        for tagSet in desired.tagSets {
            changes += TagDiff.changes(entity: tagSet.entity, live: live.tags[tagSet.entity] ?? [], desired: tagSet.tags)
        }
        if desired.caseTypesManaged {
            changes += CaseTypeDiff.changes(live: live.caseTypes, desired: desired.caseTypes)
        }
        return changes
    }
}

enum TagDiff {
    static func changes(entity: EntityKind, live: [LiveObjects.Object<TagSpec>], desired: [TagSpec]) -> [ObjectChange] {
        var changes: [ObjectChange] = []
        let liveByKey = Dictionary(live.map { ($0.spec.matchKey, $0) }, uniquingKeysWith: { first, _ in first })
        for tag in desired {
            let address = ObjectAddress.tag(entity, tag.label)
            guard let before = liveByKey[tag.matchKey] else {
                changes.append(ObjectChange(
                    address: address, action: .create,
                    rows: [ChangeRow(.create, "", AttributeComparison.created(attributes(tag)))], desired: .tag(tag)))
                continue
            }
            var target = attributes(tag)
            if tag.color == nil { target["color"] = before.spec.color.map(JSONValue.string) }
            let deltas = AttributeComparison.deltas(attributes(before.spec), target)
            if !deltas.isEmpty {
                changes.append(ObjectChange(
                    address: address, action: .update, remoteID: before.remoteID, rows: [ChangeRow(.update, "", deltas)],
                    desired: .tag(tag)))
            }
        }
        let desiredKeys = Set(desired.map(\.matchKey))
        for tag in live where !desiredKeys.contains(tag.spec.matchKey) {
            changes.append(ObjectChange(
                address: tag.address, action: .delete, remoteID: tag.remoteID,
                rows: [ChangeRow(.delete, "", [AttributeDelta("label", before: .string(tag.spec.label), after: nil)])]))
        }
        return changes
    }

    static func attributes(_ tag: TagSpec) -> JSONObject {
        var object: JSONObject = ["label": .string(tag.label)]
        object["color"] = tag.color.map(JSONValue.string)
        return object
    }
}

enum CaseTypeDiff {
    static func changes(live: [LiveObjects.Object<CaseTypeSpec>], desired: [CaseTypeSpec]) -> [ObjectChange] {
        var changes: [ObjectChange] = []
        let liveByKey = Dictionary(live.map { ($0.spec.key, $0) }, uniquingKeysWith: { first, _ in first })
        for caseType in desired {
            let address = ObjectAddress.caseType(caseType.key)
            let before = liveByKey[caseType.key]
            let empty = CaseTypeSpec(key: caseType.key, label: "", form: [], workflow: WorkflowSpec())
            let rows = rows(live: before?.spec ?? empty, desired: caseType)
            if before == nil {
                changes.append(ObjectChange(address: address, action: .create, rows: rows, desired: .caseType(caseType)))
            } else if !rows.isEmpty {
                changes.append(ObjectChange(
                    address: address, action: .update, remoteID: before?.remoteID, rows: rows, desired: .caseType(caseType)))
            }
        }
        let desiredKeys = Set(desired.map(\.key))
        for caseType in live where !desiredKeys.contains(caseType.spec.key) {
            changes.append(ObjectChange(
                address: caseType.address, action: .delete, remoteID: caseType.remoteID,
                rows: [ChangeRow(.delete, "", [AttributeDelta("label", before: .string(caseType.spec.label), after: nil)])]))
        }
        return changes
    }

    static func rows(live: CaseTypeSpec, desired: CaseTypeSpec) -> [ChangeRow] {
        var rows: [ChangeRow] = []
        if live.label != desired.label {
            rows.append(ChangeRow(.update, "", [
                AttributeDelta("label", before: live.label.isEmpty ? nil : .string(live.label), after: .string(desired.label)),
            ]))
        }
        rows += FormDiff.rows(live: live.form, desired: desired.form, prefix: "form › ")
        rows += WorkflowDiff.rows(live: live.workflow, desired: desired.workflow)
        return rows
    }
}
