import Foundation
import Testing
import CRMModel
@testable import CRMImport

/// The faster mapping and validation (issue 5) give exactly the results of the plain ones:
/// every draft, body and problem of every shipped sample and of generated contacts is pinned by
/// a digest taken with the implementation before the speed-ups (commit 7bf0b78). A change
/// that alters any of them shows here; if the change is meant, take the new digest from the
/// failure and say why in the commit.
@Suite struct FastPathEquivalenceTests {
    /// Every record of every shipped sample (and the bad-rows sample), mapped and validated.
    static func shippedSamplesText() throws -> String {
        var text: [String] = []
        let pairs = ShippedMappings.pairs + [("outlook-contacts", "bad/outlook-contacts-bad-rows.csv")]
        for pair in pairs {
            let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(pair.mapping))
            let records = try SourceReaders.readAll(path: ShippedMappings.samplePath(pair.sample), format: mapping.source.format,
                                                    options: ValidationRun.readOptions(for: mapping)).records
            let mapper = Mapper(mapping: mapping)
            let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
            text.append("== \(pair.mapping) \(pair.sample)")
            // Paths differ between machines: provenance is written relative to the samples.
            text += records.map { DraftCanonicalText.validated(validator.validate(mapper.map($0))) }
                .map { $0.replacingOccurrences(of: ShippedMappings.root.path + "/", with: "") }
        }
        return text.joined(separator: "\n")
    }

    static func generatedText(count: Int) throws -> String {
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("outlook-contacts"))
        let mapper = Mapper(mapping: mapping)
        let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
        return GeneratedOutlookRecords.records(count: count).map { DraftCanonicalText.validated(validator.validate(mapper.map($0))) }
            .joined(separator: "\n")
    }

    @Test func shippedSamplesMapAndValidateAsBefore() throws {
        let text = try Self.shippedSamplesText()
        #expect(DraftCanonicalText.digest(text) == "e9c3317ea0dc7074", "\(text.utf8.count) bytes")
    }

    @Test func generatedContactsMapAndValidateAsBefore() throws {
        let text = try Self.generatedText(count: 3_000)
        #expect(text.contains("invalid_format") && text.contains("unknown_option") && text.contains("required"))
        #expect(DraftCanonicalText.digest(text) == "46fa41489a3d9515", "\(text.utf8.count) bytes")
    }

    /// Validation runs map without match keys, which the validator never reads, and ask the
    /// validator for the problems alone: the same problems as a full validation.
    @Test func draftsWithoutMatchKeysValidateTheSame() throws {
        var cases: [(mapping: String, records: [SourceRecord])] = [("outlook-contacts", GeneratedOutlookRecords.records(count: 1_500))]
        for pair in ShippedMappings.pairs + [("outlook-contacts", "bad/outlook-contacts-bad-rows.csv")] {
            let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(pair.mapping))
            cases.append((pair.mapping, try SourceReaders.readAll(path: ShippedMappings.samplePath(pair.sample), format: mapping.source.format,
                                                                  options: ValidationRun.readOptions(for: mapping)).records))
        }
        for (name, records) in cases {
            try Self.compareWithAndWithoutMatchKeys(mapping: name, records)
        }
    }

    static func compareWithAndWithoutMatchKeys(mapping name: String, _ records: [SourceRecord]) throws {
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(name))
        let mapper = Mapper(mapping: mapping)
        let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
        for record in records {
            let full = validator.validate(mapper.map(record))
            let lean = validator.validate(mapper.map(record, matchKeys: false))
            #expect(lean.draft.matchKeys.isEmpty)
            #expect(lean.problems == full.problems)
            #expect(validator.problems(of: mapper.map(record, matchKeys: false)) == full.problems)
            #expect(lean.body == full.body)
            #expect(lean.pendingReferences == full.pendingReferences)
        }
    }
}
