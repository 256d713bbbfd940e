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
                "\(change.action.symbol) \(change.address)" + (row.subject.isEmpty ? "" : " \(row.action.symbol) \(row.subject)")
            }
        }
    }
}
