import Testing
import CRMModel
@testable import CRMImport

/// The validator finds the form field of a value by the position of the rule that set it,
/// prepared once per run. A draft mapped with another mapping (the same targets in another
/// order, or other targets) is still checked field by field as its targets say.
@Suite struct RulePositionTests {
    static let ordered = """
        source: { format: csv }
        target: contact
        fields:
          name: Name
          jobTitle: Title
          email:
            - { from: Mail, label: Work }
        """
    static let reordered = """
        source: { format: csv }
        target: contact
        fields:
          email:
            - { from: Mail, label: Work }
          jobTitle: Title
          name: Name
        """

    static func record(_ name: String, _ title: String, _ mail: String) -> SourceRecord {
        SourceRecord(
            provenance: SourceProvenance(file: "f.csv", line: 2, record: 1),
            fields: [
                SourceField(name: "Name", value: name), SourceField(name: "Title", value: title),
                SourceField(name: "Mail", value: mail),
            ])
    }

    @Test func aDraftOfAnotherMappingIsCheckedByItsTargets() throws {
        let first = try MappingParser.parse(yaml: Self.ordered, file: "a.yaml")
        let second = try MappingParser.parse(yaml: Self.reordered, file: "b.yaml")
        let own = DraftValidator(mapping: first, snapshot: SeededSchema.snapshot)
        let other = DraftValidator(mapping: second, snapshot: SeededSchema.snapshot)
        let rows = [
            Self.record("Ann Lee", "CTO", "ann@example.com"),
            Self.record("", "CTO", "not an address"),
            Self.record("Bo", String(repeating: "x", count: 600), ""),
        ]
        var problems = 0
        for row in rows {
            let draft = Mapper(mapping: first).mapFields(row)
            let expected = own.verdict(of: draft).problems
            #expect(other.verdict(of: draft).problems == expected)
            #expect(own.validate(draft).problems == expected)
            problems += expected.count
        }
        #expect(problems >= 2, "the second and third rows are meant to be refused")
    }
}
