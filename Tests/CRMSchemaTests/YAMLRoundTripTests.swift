import CRMModel
import Foundation
import Testing

@testable import CRMSchema

@Suite struct YAMLRoundTripTests {
    /// Writes the spec as files, reads them back, and expects the same model and no findings.
    func expectRoundTrip(_ spec: SchemaSpec) throws {
        let folder = try TemporaryDirectory()
        let directory = SchemaDirectory(path: folder.path)
        try directory.write(spec)
        let loaded = directory.load()
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.spec == spec)
    }

    @Test func pulledSpecWrittenAndLoadedIsTheSameModel() async throws {
        let live = try await LiveSchema.fetch(from: FakeSchemaRemote())
        let spec = LiveObjects(live, state: InstanceState()).spec
        try expectRoundTrip(spec)
    }

    @Test func awkwardScalarsSurviveTheRoundTrip() throws {
        let awkward = [
            "true", "no", "123", "1.5", "null", "#fff", "a: b", "- x", "2025-02-20", " padded ", "line\nbreak",
            "ünïcødé", "'quoted'", "",
        ]
        let fields = awkward.enumerated().map { index, label in
            FormField(
                id: FieldID("f\(index)"), label: label, type: .dropdown,
                options: [FormOption(label), FormOption(id: label, label: label)])
        }
        let spec = SchemaSpec(
            forms: [FormSpec(form: .contacts, fields: fields)],
            tagSets: [TagSetSpec(entity: .lead, tags: awkward.map { TagSpec(label: $0, color: "#abc") })],
            caseTypes: [
                CaseTypeSpec(
                    key: "k", label: "yes", form: [],
                    workflow: WorkflowSpec(
                        statuses: [StatusSpec(id: "1", label: "on", color: nil, position: ["x": 1.5, "y": -2])],
                        transitions: [TransitionSpec(label: "off", from: "1", to: "1", authorizedUsers: ["true"])]))
            ])
        try expectRoundTrip(spec)
    }

    @Test func everyManagedFieldMemberRoundTrips() throws {
        let field = FormField(
            id: "x", label: "X", type: .dropdown, category: .custom, required: true,
            options: [FormOption("a"), FormOption(id: "b", label: "B")], labelOptions: ["Work"])
        let folder = try TemporaryDirectory()
        let directory = SchemaDirectory(path: folder.path)
        try directory.write(SchemaSpec(forms: [FormSpec(form: .organizations, fields: [field])]))
        #expect(directory.load().spec.forms.first?.fields == [field])
        #expect(directory.load().diagnostics.isEmpty)
    }

    @Test func theFileFormatIsStableAndReadable() throws {
        let spec = SchemaSpec(tagSets: [TagSetSpec(entity: .case, tags: [TagSpec(label: "billing", color: "#4b0082")])])
        let text = try SpecFileEncoding.tagSet(spec.tagSets[0])
        #expect(text == YAMLWriter.header + "entity: cases\ntags:\n- label: billing\n  color: '#4b0082'\n")
        let workflow = try SpecFileEncoding.caseType(
            CaseTypeSpec(
                key: "bug", label: "Bug",
                form: [FormField(id: "title", label: "Title", type: .text, category: .default, required: true)],
                workflow: WorkflowSpec(
                    statuses: [StatusSpec(id: "open", label: "Open", color: "#f00", position: ["x": 100, "y": 100])],
                    transitions: [TransitionSpec(label: "Again", from: "open", to: "open", authorizedUsers: ["owner"])])
            ))
        #expect(
            workflow == YAMLWriter.header + """
                label: Bug
                form:
                - id: title
                  label: Title
                  type: text
                  category: default
                  required: true
                workflow:
                  statuses:
                  - id: open
                    label: Open
                    color: '#f00'
                    recordResolutionSLA: false
                    position: {x: 100, y: 100}
                  transitions:
                  - label: Again
                    from: open
                    to: open
                    recordComment: false
                    authorizedUsers: [owner]

                """)
    }
}
