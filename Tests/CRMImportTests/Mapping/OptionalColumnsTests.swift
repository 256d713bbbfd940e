import CRMModel
import Foundation
import Testing
@testable import CRMImport

/// Optional rules and column variants: what a CSV header must hold for a mapping, what is only
/// noted, and every problem of a mapping reported in one pass.
@Suite struct OptionalColumnsTests {
    static let yaml = """
        target: contact
        fields:
          name: { template: "{{First Name}} {{Last Name}}", optional: true,
                  fallback: { from: [Email, E-Mail-Adresse] } }
          jobTitle: { from: ["Job Title", Position, Profession] }
          note: { from: Notes, optional: true }
          email:
            optional: true
            entries:
              - { from: [Email, E-Mail-Adresse], label: Work }
        """

    @Test func oneVariantIsEnoughAndOptionalColumnsAreOnlyNoted() throws {
        let mapping = try MappingParser.parse(yaml: Self.yaml, file: "m.yaml")
        let check = mapping.columnCheck(available: ["Vorname", "Position", "E-Mail-Adresse"])
        #expect(check.errors.isEmpty, "\(check.errors)")
        let notes = check.notes.map(\.message)
        #expect(
            notes.contains("the source has no fields 'First Name', 'Last Name'; name is left empty from it (optional)"),
            "\(notes)")
        #expect(notes.contains("the source has no field 'Notes'; note is left empty from it (optional)"))
        #expect(notes.count == 2)
    }

    @Test func aRequiredRuleWithNoneOfItsVariantsIsAnErrorThatSaysWhatToDo() throws {
        let mapping = try MappingParser.parse(yaml: Self.yaml, file: "m.yaml")
        let check = mapping.columnCheck(available: ["First Name", "Last Name", "Titel"])
        let error = try #require(check.errors.first)
        #expect(check.errors.count == 1)
        #expect(error.message == "the source has none of the fields 'Job Title', 'Position', 'Profession'")
        #expect(error.location.line == 5)
        #expect(error.hint?.contains("optional: true") == true)
    }

    @Test func aMissingOptionalColumnMapsToNoValue() throws {
        let mapping = try MappingParser.parse(yaml: Self.yaml, file: "m.yaml")
        let record = SourceRecord(
            provenance: SourceProvenance(file: "f.csv", line: 2, record: 1),
            fields: [
                SourceField(name: "Position", value: "CTO"), SourceField(name: "E-Mail-Adresse", value: "a@b.example"),
            ])
        let draft = Mapper(mapping: mapping).map(record)
        #expect(draft.fields["name"]?.stringValue == "a@b.example")
        #expect(draft.fields["jobTitle"]?.stringValue == "CTO")
        #expect(draft.fields["note"] == nil)
    }

    @Test func optionalMustBeABoolean() {
        let error = #expect(throws: MappingError.self) {
            try MappingParser.parse(
                yaml: "target: contact\nfields:\n  note: { from: Notes, optional: maybe }\n", file: "m.yaml")
        }
        #expect(error?.diagnostics.first?.message == "optional must be true or false")
    }

    @Test func problemsOfTheFileAndOfItsColumnsComeInOnePass() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-onepass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("in.csv").path
        try "Name,Mail\nAda,ada@example.com\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let mapping = directory.appendingPathComponent("m.yaml").path
        try """
        target: contact
        fields:
          name: { from: Nmae, transforms: [upperr] }
          email: [{ from: Email, label: Work }]
        matchKeys:
          - [phone]
        """.write(toFile: mapping, atomically: true, encoding: .utf8)
        let error = #expect(throws: MappingError.self) { try MappingParser.load(path: mapping, checkingColumnsOf: csv) }
        let messages = error?.diagnostics.map(\.message) ?? []
        #expect(messages.contains { $0.contains("upperr") }, "\(messages)")
        #expect(messages.contains { $0.contains("'phone'") })
        #expect(messages.contains("the source has no field 'Nmae'"))
        #expect(messages.contains("the source has no field 'Email'"))
        #expect(
            error?.diagnostics.first { $0.message == "the source has no field 'Nmae'" }?.hint == "did you mean 'Name'?")
    }
}
