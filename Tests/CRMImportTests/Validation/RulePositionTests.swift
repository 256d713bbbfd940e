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

    /// Two rules with one target (a mapping built in code; a YAML file cannot repeat a key):
    /// the later value replaces the earlier, a blank later one leaves it, and the validator
    /// checks the value that stays.
    @Test func aLaterRuleOfTheSameTargetReplacesTheEarlierValue() throws {
        var mapping = try MappingParser.parse(yaml: Self.ordered, file: "a.yaml")
        let later = try MappingParser.parse(
            yaml: "source: { format: csv }\ntarget: contact\nfields:\n  jobTitle: Name\n", file: "b.yaml")
        mapping.fields += later.fields
        let mapper = Mapper(mapping: mapping)
        let replaced = mapper.mapFields(Self.record("Ann Lee", "CTO", "ann@example.com"))
        #expect(replaced.values.filter { $0.target == "jobTitle" }.count == 1)
        #expect(replaced.value(of: "jobTitle") == .json(.string("Ann Lee")))
        let kept = mapper.mapFields(Self.record("", "CTO", "ann@example.com"))
        #expect(kept.value(of: "jobTitle") == .json(.string("CTO")))

        let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
        let long = String(repeating: "x", count: 1_200)  // a text field takes 1,000 characters
        // Too long for an optional field: dropped with a warning, whichever rule set it.
        let earlierLong = validator.verdict(of: mapper.mapFields(Self.record("", long, "")))
        #expect(earlierLong.dropped.map(\.field) == ["jobTitle"])
        let laterLong = validator.verdict(of: mapper.mapFields(Self.record(long, "CTO", "")))
        #expect(laterLong.dropped.map(\.field) == ["jobTitle"])
        #expect(validator.verdict(of: replaced).problems.isEmpty)
    }
}
