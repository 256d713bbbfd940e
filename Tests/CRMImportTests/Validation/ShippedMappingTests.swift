import Foundation
import Testing
import CRMModel
@testable import CRMImport

/// Every shipped mapping validates its sample with zero rejects against the seeded forms, and
/// seeded bad rows are each rejected for the right reason while the good rows pass.
@Suite struct ShippedMappingTests {
    @Test(arguments: ShippedMappings.pairs.map { "\($0.mapping) \($0.sample)" })
    func sampleValidatesWithZeroRejects(_ pair: String) throws {
        let parts = pair.split(separator: " ").map(String.init)
        let report = try ShippedMappings.validate((parts[0], parts[1]), snapshot: SeededSchema.snapshot)
        #expect(report.recordsRead >= 4, "\(pair)")
        #expect(report.rejected == 0, "\(pair): \(report.problems.map(\.description).joined(separator: "\n"))")
        #expect(report.readIssues.filter { $0.severity == .error }.isEmpty)
    }

    @Test func everyMappingFileIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: ShippedMappings.root.appendingPathComponent("mappings").path)
        #expect(
            Set(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })
                == Set(ShippedMappings.pairs.map(\.mapping)))
    }

    @Test func seededBadRowsAreEachRejectedForTheirReason() throws {
        let report = try ShippedMappings.validate(
            ("outlook-contacts", "bad/outlook-contacts-bad-rows.csv"), snapshot: SeededSchema.snapshot)
        // Bad values of optional fields and extras are dropped, the records kept; a rejected
        // row lists them with its reasons all the same.
        // A value only the form refuses (an unknown Department) is dropped the same way.
        #expect((report.recordsRead, report.valid, report.rejected) == (10, 8, 2))
        let found = Set(report.problems.map { "\($0.provenance.line) \($0.field) \($0.reason.rawValue)" })
        // Line 11 has no name, and its e-mail, which would name it, is no address either.
        #expect(
            found == [
                "3 name required", "11 name required", "11 name invalid_format", "11 email[0].value invalid_format",
            ])
        let dropped = report.droppedValues.map { "\($0.provenance.line) \($0.field) \($0.reason.rawValue)" }
        #expect(
            dropped == [
                "5 email[0].value invalid_format", "6 department unknown_option", "7 phone[0].value invalid_format",
                "8 extras.birthDate invalid_format",
            ])
        #expect(report.droppedValueCount == 4)
    }

    @Test func draftsOfTheSamplesCarryTheExpectedValues() throws {
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("salesforce-accounts"))
        let records = try SourceReaders.readAll(path: ShippedMappings.samplePath("salesforce-accounts.csv")).records
        let drafts = records.map(Mapper(mapping: mapping).map)
        #expect(drafts[0].fields["address"] == "1 Harbor Way, Portland, OR 97201, USA")
        #expect(drafts[1].fields["address"] == "Denver, CO, USA")
        #expect(
            drafts[1].fields["phone"] == [
                ["label": "Main", "value": "+15550100402", "primary": true],
                ["label": "Fax", "value": "+15550100403", "primary": false],
            ])
        let cmt = try MappingParser.load(path: ShippedMappings.mappingPath("dynamics-cmt-contacts"))
        let cmtRecords = try SourceReaders.readAll(
            path: ShippedMappings.samplePath("dynamics-cmt-data.xml"),
            options: ValidationRun.readOptions(for: cmt)
        ).records
        let amelia = Mapper(mapping: cmt).map(cmtRecords[0])
        #expect(
            amelia.references.first
                == DraftReference(
                    kind: .organization, field: "organizationId", value: "Northwind Traders", createIfMissing: true))
        #expect(amelia.extras["birthDate"] == "1984-02-29")
        let febrl = try MappingParser.load(path: ShippedMappings.mappingPath("febrl-persons"))
        let used = Set(febrl.sourceColumns.map(\.name))
        #expect(!used.contains("rec_id") && !used.contains("soc_sec_id"))
    }
}
