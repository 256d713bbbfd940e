import Testing
import CRMModel
@testable import CRMImport

/// Columns bound to a header find their values by position, and still find them by name in
/// records whose fields are not where the header put them.
@Suite struct ColumnBindingTests {
    static let yaml = """
        source: { format: csv }
        target: contact
        fields:
          name: { template: "{{First Name}} {{Last Name}}" }
          jobTitle: Title
        """

    static func record(_ fields: [(String, String)]) -> SourceRecord {
        SourceRecord(
            provenance: SourceProvenance(file: "f.csv", line: 2, record: 1),
            fields: fields.map { SourceField(name: $0.0, value: $0.1) })
    }

    @Test func boundColumnsReadTheSameValues() throws {
        let mapping = try MappingParser.parse(yaml: Self.yaml, file: "m.yaml")
        let bound = Mapper(mapping: mapping.bound(to: ["First Name", "Last Name", "Title"]))
        let plain = Mapper(mapping: mapping)
        let inOrder = Self.record([("First Name", "Ada"), ("Last Name", "Lovelace"), ("Title", "Analyst")])
        // A null token dropped the first field: every position is off by one.
        let shifted = Self.record([("Last Name", "Lovelace"), ("Title", "Analyst")])
        // Fields in another order than the header's.
        let reordered = Self.record([("Title", "Analyst"), ("Last Name", "Lovelace"), ("First Name", "Ada")])
        for record in [inOrder, shifted, reordered] {
            #expect(bound.map(record).fields == plain.map(record).fields)
        }
        #expect(bound.map(inOrder).fields["name"] == .string("Ada Lovelace"))
        #expect(bound.map(shifted).fields["name"] == .string("Lovelace"))
    }

    @Test func columnsTheHeaderLacksStayUnbound() throws {
        let mapping = try MappingParser.parse(yaml: Self.yaml, file: "m.yaml").bound(to: ["Title"])
        let columns = mapping.sourceColumns
        #expect(columns.first { $0.name == "Title" }?.position == 0)
        #expect(columns.first { $0.name == "First Name" }?.position == nil)
    }
}
