import Foundation
import Testing
import CRMModel
@testable import CRMImport

/// Mapping and validation give the same results however they are prepared: every draft, body
/// and problem of every shipped sample and of generated contacts is pinned as readable text in
/// `Tests/CRMImportTests/Pinned/` (see `PinnedText`). A change that alters any of them shows here
/// as the first line that differs; if the change is meant, re-pin and say why in the commit.
@Suite struct FastPathEquivalenceTests {
    /// How a test maps and validates: the mapping as parsed, or prepared as a validation run
    /// prepares it (columns bound to the file's header).
    enum Preparation {
        case plain
        case boundToHeader

        func mapper(_ mapping: Mapping, header: [String]) -> Mapper {
            switch self {
            case .plain: Mapper(mapping: mapping)
            case .boundToHeader: Mapper(mapping: mapping.bound(to: header))
            }
        }

        func validator(_ mapping: Mapping) -> DraftValidator {
            DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
        }
    }

    /// `mapping` with every rule's failures rejecting the record, as every failure did before
    /// rules had an error policy: the pinned texts below were taken so.
    static func rejectingEverywhere(_ mapping: Mapping) -> Mapping {
        func reject(_ rule: ValueRule) -> ValueRule {
            var rule = rule
            rule.onInvalid = .reject
            switch rule.origin {
            case .labeled(let entries):
                rule.origin = .labeled(
                    entries.map { entry in
                        var entry = entry
                        entry.value = reject(entry.value)
                        return entry
                    })
            case .object(let members): rule.origin = .object(members.map { ($0.0, reject($0.1)) })
            default: break
            }
            rule.alternatives = rule.alternatives.map(reject)
            return rule
        }
        func reject(_ rule: FieldRule) -> FieldRule {
            var rule = rule
            rule.value = reject(rule.value)
            return rule
        }
        var mapping = mapping
        mapping.fields = mapping.fields.map(reject)
        mapping.customFields = mapping.customFields.map(reject)
        mapping.extras = mapping.extras.map(reject)
        return mapping
    }

    /// Every record of every shipped sample (and the bad-rows sample), mapped and validated,
    /// written by `write` (the whole draft and outcome, or the outcome alone); with the rules'
    /// failures rejecting records unless `policies` says to keep the mappings' own.
    static func shippedSamplesText(
        _ preparation: Preparation = .plain, policies: Bool = false,
        write: (ValidatedDraft) -> String = DraftCanonicalText.validated
    ) throws -> String {
        var text: [String] = []
        let pairs = ShippedMappings.pairs + [("outlook-contacts", "bad/outlook-contacts-bad-rows.csv")]
        for pair in pairs {
            let parsed = try MappingParser.load(path: ShippedMappings.mappingPath(pair.mapping))
            let mapping = policies ? parsed : rejectingEverywhere(parsed)
            let records = try SourceReaders.readAll(
                path: ShippedMappings.samplePath(pair.sample), format: mapping.source.format,
                options: ValidationRun.readOptions(for: mapping)
            ).records
            let mapper = preparation.mapper(mapping, header: records.first?.names ?? [])
            let validator = preparation.validator(mapping)
            text.append("== \(pair.mapping) \(pair.sample)")
            // Paths differ between machines: provenance is written relative to the samples.
            text += records.map { write(validator.validate(mapper.map($0))) }
                .map { $0.replacingOccurrences(of: ShippedMappings.root.path + "/", with: "") }
        }
        return text.joined(separator: "\n")
    }

    static func generatedText(
        count: Int, _ preparation: Preparation = .plain, policies: Bool = false,
        write: (ValidatedDraft) -> String = DraftCanonicalText.validated
    ) throws -> String {
        let parsed = try MappingParser.load(path: ShippedMappings.mappingPath("outlook-contacts"))
        let mapping = policies ? parsed : rejectingEverywhere(parsed)
        let records = GeneratedOutlookRecords.records(count: count)
        let mapper = preparation.mapper(mapping, header: records.first?.names ?? [])
        let validator = preparation.validator(mapping)
        return records.map { write(validator.validate(mapper.map($0))) }.joined(separator: "\n")
    }

    /// A mapping with its columns bound to the header maps and validates exactly as the mapping
    /// as parsed.
    @Test func mappingsBoundToTheHeaderMapAndValidateTheSame() throws {
        #expect(try Self.shippedSamplesText(.boundToHeader) == Self.shippedSamplesText(.plain))
        #expect(try Self.generatedText(count: 1_000, .boundToHeader) == Self.generatedText(count: 1_000, .plain))
        #expect(
            try Self.shippedSamplesText(.boundToHeader, policies: true)
                == Self.shippedSamplesText(.plain, policies: true))
        #expect(
            try Self.generatedText(count: 1_000, .boundToHeader, policies: true)
                == Self.generatedText(count: 1_000, .plain, policies: true))
    }

    /// The outcomes alone (bodies, problems, references left), pinned separately from the
    /// drafts: a change to how drafts are built that must not change what validation decides.
    @Test func outcomesAsBefore() throws {
        let shipped = try Self.shippedSamplesText(write: DraftCanonicalText.outcome)
        PinnedText.expectMatches(shipped, pinned: "outcomes-shipped-samples.txt")
        let generated = try Self.generatedText(count: 400, write: DraftCanonicalText.outcome)
        PinnedText.expectMatches(generated, pinned: "outcomes-generated-contacts.txt")
    }

    @Test func shippedSamplesMapAndValidateAsBefore() throws {
        PinnedText.expectMatches(try Self.shippedSamplesText(), pinned: "drafts-shipped-samples.txt")
    }

    @Test func generatedContactsMapAndValidateAsBefore() throws {
        let text = try Self.generatedText(count: 400)
        #expect(text.contains("invalid_format") && text.contains("unknown_option") && text.contains("required"))
        PinnedText.expectMatches(text, pinned: "drafts-generated-contacts.txt")
    }

    /// Under the mappings' own error policies, every record is either rejected as it was when
    /// every failure rejected, or kept: as it was, or without values that are each listed as
    /// dropped (never a value lost without a word).
    @Test func policiesDropOnlyWhatTheyList() throws {
        var cases: [(mapping: String, records: [SourceRecord])] = [
            ("outlook-contacts", GeneratedOutlookRecords.records(count: 1_500))
        ]
        for pair in ShippedMappings.pairs + [("outlook-contacts", "bad/outlook-contacts-bad-rows.csv")] {
            let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(pair.mapping))
            cases.append(
                (
                    pair.mapping,
                    try SourceReaders.readAll(
                        path: ShippedMappings.samplePath(pair.sample), format: mapping.source.format,
                        options: ValidationRun.readOptions(for: mapping)
                    ).records
                ))
        }
        var dropped = 0
        for (name, records) in cases {
            let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(name))
            let strict = Self.rejectingEverywhere(mapping)
            let (mapper, strictMapper) = (Mapper(mapping: mapping), Mapper(mapping: strict))
            let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
            // The form check follows the rules' `onInvalid` too: the strict mapping's validator.
            let strictValidator = DraftValidator(mapping: strict, snapshot: SeededSchema.snapshot)
            for record in records {
                let own = validator.validate(mapper.map(record)),
                    before = strictValidator.validate(strictMapper.map(record))
                if !own.isValid {
                    #expect(!before.isValid, "\(record.provenance)")
                } else if before.isValid {
                    #expect(own.body == before.body && own.draft.dropped.isEmpty, "\(record.provenance)")
                } else {
                    let listed = Set(own.draft.dropped.map(\.field))
                    #expect(
                        !listed.isEmpty
                            && before.problems.allSatisfy { listed.contains($0.field) || $0.reason == .required },
                        "\(record.provenance): \(before.problems) vs \(own.draft.dropped)")
                    dropped += own.draft.dropped.count
                }
            }
        }
        #expect(dropped > 0, "some samples hold values to drop")
    }

    /// Validation runs map without match keys and extras, which the validator never reads, and
    /// ask the validator for the problems alone: the same problems (and dropped values) as a
    /// full validation.
    @Test func draftsWithoutMatchKeysValidateTheSame() throws {
        var cases: [(mapping: String, records: [SourceRecord])] = [
            ("outlook-contacts", GeneratedOutlookRecords.records(count: 1_500))
        ]
        for pair in ShippedMappings.pairs + [("outlook-contacts", "bad/outlook-contacts-bad-rows.csv")] {
            let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(pair.mapping))
            cases.append(
                (
                    pair.mapping,
                    try SourceReaders.readAll(
                        path: ShippedMappings.samplePath(pair.sample), format: mapping.source.format,
                        options: ValidationRun.readOptions(for: mapping)
                    ).records
                ))
        }
        for (name, records) in cases {
            try Self.compareWithAndWithoutMatchKeys(mapping: name, records)
        }
    }

    /// Entries the validator refuses (labels the form does not offer, values the transforms did
    /// not check, repeats, too many) give the same problems checked in the draft, typed, as in
    /// the body, as JSON.
    @Test func typedEntriesFindTheSameProblems() throws {
        let mapping = try MappingParser.parse(
            yaml: """
                source: { format: csv }
                target: contact
                fields:
                  name: Name
                  email:
                    - { from: A, label: Work, primary: true }
                    - { from: B, label: Pager }
                    - { from: C }
                  phone:
                    - { from: P, label: Mobile }
                    - { from: Q, label: mobile }
                """, file: "m.yaml")
        let mapper = Mapper(mapping: mapping)
        let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
        let rows: [[(String, String)]] = [
            [
                ("Name", "Ann"), ("A", "ann@example.com"), ("B", "ann2@example.com"), ("C", "ANN@example.com"),
                ("P", "555 0100"), ("Q", "555-0100"),
            ],
            [
                ("Name", "Bo"), ("A", "not an address"), ("B", ""), ("C", "bo@example.com"), ("P", "call me"),
                ("Q", "+1 555 010 0199"),
            ],
            [("Name", "Cy"), ("A", ""), ("B", ""), ("C", ""), ("P", ""), ("Q", "")],
        ]
        var problems = 0
        for (line, row) in rows.enumerated() {
            let record = SourceRecord(
                provenance: SourceProvenance(file: "f.csv", line: line + 2, record: line + 1),
                fields: row.map { SourceField(name: $0.0, value: $0.1) })
            let full = validator.validate(mapper.map(record))
            #expect(validator.problems(of: mapper.mapFields(record)) == full.problems)
            problems += full.problems.count
        }
        #expect(problems >= 3, "the rows are meant to be refused")
        let many = (0..<51).map { LabeledEntry(value: "a\($0)@example.com", label: nil, primary: false) }
        let field = try #require(SeededSchema.snapshot.form(for: .contact).first { $0.id?.rawValue == "email" })
        #expect(
            FieldValueValidator.entryProblems(many, for: PreparedFormField(field))
                == FieldValueValidator.check(.array(many.map(\.json)), for: PreparedFormField(field)).problems)
    }

    static func compareWithAndWithoutMatchKeys(mapping name: String, _ records: [SourceRecord]) throws {
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(name))
        let mapper = Mapper(mapping: mapping)
        let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
        for record in records {
            let full = validator.validate(mapper.map(record))
            let lean = validator.validate(mapper.mapFields(record))
            #expect(lean.draft.matchKeys.isEmpty)
            #expect(lean.problems == full.problems)
            // Checked without building a body: the same problems and dropped values.
            #expect(validator.problems(of: mapper.mapFields(record)) == full.problems)
            #expect(validator.verdict(of: mapper.mapFields(record)).dropped == full.draft.dropped)
            // As a validation run checks it: without the extras, the same verdict.
            let run = validator.verdict(of: mapper.mapFields(record, keepingExtras: false))
            #expect(run.problems == full.problems)
            #expect(run.dropped == full.draft.dropped)
            #expect(mapper.mapFields(record, keepingExtras: false).extras.isEmpty)
            #expect(lean.body == full.body)
            #expect(lean.pendingReferences == full.pendingReferences)
        }
    }
}
