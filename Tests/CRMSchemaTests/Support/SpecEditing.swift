import CRMModel
import Foundation

@testable import CRMSchema

/// Edits a pulled directory through the spec (what a person does by hand in the YAML), then
/// writes it back with the real encoder.
func editSpec(_ directory: SchemaDirectory, _ edit: (inout SchemaSpec) throws -> Void) throws {
    var spec = directory.load().spec
    try edit(&spec)
    try directory.write(spec)
}

extension SchemaSpec {
    mutating func editForm(_ form: SchemaForm, _ edit: (inout [FormField]) -> Void) {
        guard let index = forms.firstIndex(where: { $0.form == form }) else { return }
        edit(&forms[index].fields)
    }

    mutating func editTags(_ entity: EntityKind, _ edit: (inout [TagSpec]) -> Void) {
        guard let index = tagSets.firstIndex(where: { $0.entity == entity }) else { return }
        edit(&tagSets[index].tags)
    }

    mutating func editCaseType(_ key: String, _ edit: (inout CaseTypeSpec) -> Void) {
        guard let index = caseTypes.firstIndex(where: { $0.key == key }) else { return }
        edit(&caseTypes[index])
    }
}

extension SchemaSpec {
    /// The four edits of the acceptance scenario: relabel a field, add a dropdown option, add a
    /// lead tag, add a workflow transition (Restart: resolved → open) to "support-request".
    mutating func makeFourEdits(relabel field: FieldID, to label: String, addOption option: FormOption) {
        editForm(.contacts) { fields in
            fields.edit(field) { $0.label = label }
            fields.edit("department") { $0.options?.append(option) }
        }
        editTags(.lead) { $0.append(TagSpec(label: "partner", color: "#00aa00")) }
        editCaseType("support-request") {
            $0.workflow.transitions.append(TransitionSpec(label: "Restart", from: "resolved", to: "open"))
        }
    }
}

extension CaseTypeSpec {
    /// A new case type with a two-status workflow whose transition names its ends by label.
    static let featureRequest = CaseTypeSpec(
        key: "feature-request", label: "Feature Request",
        form: [FormField(id: "title", label: "Title", type: .text, category: .default, required: true)],
        workflow: WorkflowSpec(
            statuses: [StatusSpec(id: "new", label: "New"), StatusSpec(id: "done", label: "Done", final: true)],
            transitions: [TransitionSpec(label: "Finish", from: "New", to: "Done")]))
}

extension [FormField] {
    mutating func edit(_ id: FieldID, _ change: (inout FormField) -> Void) {
        guard let index = firstIndex(where: { $0.id == id }) else { return }
        change(&self[index])
    }
}

extension SchemaPlan {
    /// `"~ form.contacts ~ field custom_1"`-style lines: one per row, for exact comparisons.
    var rowSummaries: [String] {
        changes.flatMap { change in
            change.rows.map { row in
                "\(change.action.symbol) \(change.address)"
                    + (row.subject.isEmpty ? "" : " \(row.action.symbol) \(row.subject)")
            }
        }
    }
}
