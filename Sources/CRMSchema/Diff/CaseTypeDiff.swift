import CRMModel

/// Compares case types by key: label, form (field by field) and workflow.
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
                changes.append(
                    ObjectChange(address: address, action: .create, rows: rows, desired: .caseType(caseType)))
            } else if !rows.isEmpty {
                changes.append(
                    ObjectChange(
                        address: address, action: .update, remoteID: before?.remoteID, rows: rows,
                        desired: .caseType(caseType)))
            }
        }
        let desiredKeys = Set(desired.map(\.key))
        for caseType in live where !desiredKeys.contains(caseType.spec.key) {
            changes.append(
                ObjectChange(
                    address: caseType.address, action: .delete, remoteID: caseType.remoteID,
                    rows: [
                        ChangeRow(
                            .delete, "", [AttributeDelta("label", before: .string(caseType.spec.label), after: nil)])
                    ]))
        }
        return changes
    }

    static func rows(live: CaseTypeSpec, desired: CaseTypeSpec) -> [ChangeRow] {
        var rows: [ChangeRow] = []
        if live.label != desired.label {
            rows.append(
                ChangeRow(
                    .update, "",
                    [
                        AttributeDelta(
                            "label", before: live.label.isEmpty ? nil : .string(live.label),
                            after: .string(desired.label))
                    ]))
        }
        rows += FormDiff.rows(live: live.form, desired: desired.form, prefix: "form › ")
        rows += WorkflowDiff.rows(live: live.workflow, desired: desired.workflow)
        return rows
    }
}
