import Foundation
import Testing
import CRMModel
@testable import CRMImport

/// What a rule does with a value its transforms cannot handle (`onInvalid`), by default and as
/// written: one bad optional value never costs the record, and never goes without a word.
@Suite struct FailurePolicyTests {
    /// The seeded contact form plus an optional date and a required number custom field.
    static var snapshot: SchemaSnapshot {
        var snapshot = SeededSchema.snapshot
        snapshot.forms[.contact, default: []] += [
            FormField(id: "cf-birthday", label: "Birthday", type: .date),
            FormField(id: "cf-shoe", label: "Shoe Size", type: .number, required: true),
        ]
        return snapshot
    }

    func validate(_ yaml: String, _ pairs: [(String, String)], line: Int = 2) throws -> ValidatedDraft {
        let mapping = try parseMapping(yaml)
        return DraftValidator(mapping: mapping, snapshot: Self.snapshot).validate(
            Mapper(mapping: mapping).map(record(pairs, line: line)))
    }

    @Test func optionalFieldsAndExtrasDropTheValueRequiredFieldsReject() throws {
        let yaml = """
            target: contact
            fields:
              name: { from: Name, transforms: [{ map: { x: y } }, email] }
            customFields:
              Birthday: { from: Born, transforms: [{ date: "M/d/yyyy" }] }
              Shoe Size: { from: Shoe, transforms: [number] }
            extras:
              birthDate: { from: Born, transforms: [{ date: "M/d/yyyy" }] }
            """
        let good = try validate(yaml, [("Name", "a@b.io"), ("Born", "13/45/1990"), ("Shoe", "38")], line: 4)
        #expect(good.isValid, "\(good.problems)")
        #expect(Set(good.draft.dropped.map(\.field)) == ["customFields.Birthday", "extras.birthDate"])
        let birthday = good.draft.dropped.first { $0.field == "customFields.Birthday" }
        #expect(
            birthday?.description.hasPrefix("in.csv:4: error: customFields.Birthday: '13/45/1990': invalid_format:")
                == true)
        #expect(good.body["customFields"] == ["cf-shoe": 38])
        #expect(good.draft.extras["birthDate"] == nil)

        // Name and Shoe Size are required: their bad values reject the record.
        let bad = try validate(yaml, [("Name", "not an address"), ("Born", "1/2/1990"), ("Shoe", "big")])
        #expect(Set(bad.problems.map(\.field)) == ["name", "customFields.Shoe Size"])
        #expect(bad.draft.dropped.isEmpty)
    }

    @Test func onInvalidAsWrittenWins() throws {
        let yaml = """
            target: contact
            fields:
              name: Name
              jobTitle: { from: Title, transforms: [number], onInvalid: reject }
            customFields:
              Birthday: { from: Born, transforms: [{ date: "M/d/yyyy" }], onInvalid: keep }
            extras:
              kept: { from: Born, transforms: [{ date: "M/d/yyyy" }], onInvalid: keep }
              dropped: { from: Born, transforms: [{ date: "M/d/yyyy" }], onInvalid: drop, default: unknown }
            """
        let mapping = try parseMapping(yaml)
        let draft = Mapper(mapping: mapping).map(record([("Name", "Ann"), ("Title", "boss"), ("Born", "--0203")]))
        #expect(draft.problems.map(\.field) == ["jobTitle"])
        #expect(draft.customFields.first?.value == "--0203")
        #expect(draft.extras["kept"] == "--0203")
        // A dropped value leaves the rule with nothing: its default applies.
        #expect(draft.extras["dropped"] == "unknown")
        #expect(draft.dropped.map(\.field) == ["extras.dropped"])
        // Kept as read, the value then meets the form: not a date, so the record is refused.
        let validated = DraftValidator(mapping: mapping, snapshot: Self.snapshot).validate(draft)
        #expect(validated.problems.map(\.field).contains("customFields.Birthday"))
    }

    /// A map told to refuse values it does not know refuses the record whatever the defaults.
    @Test func mapOtherwiseRejectAlwaysRejects() throws {
        let draft = try validate(
            """
            target: contact
            fields:
              name: Name
              department: { from: D, transforms: [{ map: { eng: engineering }, otherwise: reject }] }
            """, [("Name", "Ann"), ("D", "Catering")])
        // (Shoe Size, required in this form and not mapped, is the other reason.)
        #expect(draft.problems.filter { $0.field == "department" }.map(\.reason) == [.unknownOption])
        #expect(draft.draft.dropped.isEmpty)
    }

    /// RFC 6350 allows a birthday without a year (`--0203`): in extras it is dropped, the
    /// contact kept; with `onInvalid: keep` it is kept as written.
    @Test func partialBirthdayNeverCostsTheContact() throws {
        let vcard = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nBDAY:--0203\r\nEND:VCARD\r\n"
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("vcard-contacts"))
        let report = try Self.validate(vcard, mapping: mapping, name: "partial.vcf")
        #expect((report.recordsRead, report.valid, report.rejected) == (1, 1, 0))
        #expect(report.droppedValues.map(\.field) == ["extras.birthDate"])
        #expect(report.droppedValues.first?.value == "--0203")
        #expect(report.account.isLossy)

        var keeping = mapping
        keeping.extras = keeping.extras.map { rule in
            var rule = rule
            if rule.target == "birthDate" { rule.value.onInvalid = .keep }
            return rule
        }
        let records = try Self.records(vcard, mapping: keeping, name: "partial.vcf")
        #expect(Mapper(mapping: keeping).map(records[0]).extras["birthDate"] == "--0203")
    }

    /// ical.js's sample cards carry `BDAY:--0203`: each contact validates, its birthday listed
    /// as dropped.
    @Test(.enabled(if: Corpus.available, "../shared/corpora not found (set CRMKIT_CORPORA)"))
    func corpusCardsWithPartialBirthdaysAreKept() throws {
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("vcard-contacts"))
        for file in ["vcard/ical.js/vcard.vcf", "vcard/ical.js/vcard_author.vcf"] {
            let report = try ValidationRun(mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: nil).run(
                path: Corpus.path(file))
            #expect((report.recordsRead, report.rejected) == (1, 0), "\(file): \(report.problems)")
            #expect(report.droppedValues.map { "\($0.field)=\($0.value)" } == ["extras.birthDate=--0203"], "\(file)")
        }
    }

    /// A second phone that is no phone number (`n/a`, `-`) costs that entry alone; a bad second
    /// e-mail likewise.
    @Test func placeholderSecondPhoneDropsThatEntry() throws {
        let vcard = """
            BEGIN:VCARD\r
            VERSION:3.0\r
            FN:Bo Chen\r
            TEL;TYPE=cell:+1 555 010 0199\r
            TEL;TYPE=work:n/a\r
            EMAIL:bo@example.com\r
            EMAIL:bo at example\r
            END:VCARD\r

            """
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("vcard-contacts"))
        let draft = Mapper(mapping: mapping).map(try Self.records(vcard, mapping: mapping, name: "p.vcf")[0])
        let validated = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot).validate(draft)
        #expect(validated.isValid, "\(validated.problems)")
        #expect(validated.body["phone"] == [["label": "Mobile", "value": "+15550100199", "primary": true]])
        #expect(validated.body["email"] == [["label": "Other", "value": "bo@example.com", "primary": true]])
        #expect(validated.draft.dropped.map(\.field) == ["email[0].value", "phone[0].value"])
        #expect(validated.draft.dropped.map(\.value) == ["bo at example", "n/a"])
    }

    /// A vCard 2.1 card with N and no FN gets its name from N's parts (the shipped mapping's
    /// `fallback`).
    @Test func nOnlyCardsTakeTheirNameFromN() throws {
        let vcard =
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lee;Ann;Q.;Dr.;\r\nTEL;CELL:5550100100\r\nEND:VCARD\r\n"
            + "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\nEND:VCARD\r\n"
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("vcard-contacts"))
        let records = try Self.records(vcard, mapping: mapping, name: "n.vcf")
        let mapper = Mapper(mapping: mapping)
        #expect(records.map { mapper.map($0).fields["name"] } == ["Dr. Ann Q. Lee", "Bo Chen"])
        let report = try Self.validate(vcard, mapping: mapping, name: "n.vcf")
        #expect((report.valid, report.rejected) == (2, 0))
    }

    /// A fallback rule is tried only when the rule before leaves nothing, and has its own policy.
    @Test func fallbackRulesInOrder() throws {
        let mapping = try parseMapping(
            """
            target: contact
            fields:
              name:
                from: Display
                fallback:
                  template: "{{First}} {{Last}}"
                  fallback: { from: Email }
            """)
        let mapper = Mapper(mapping: mapping)
        #expect(
            mapper.map(record([("Display", "D"), ("First", "F"), ("Last", "L"), ("Email", "e")])).fields["name"] == "D")
        #expect(
            mapper.map(record([("Display", " "), ("First", "F"), ("Last", "L"), ("Email", "e")])).fields["name"]
                == "F L")
        #expect(
            mapper.map(record([("Display", ""), ("First", ""), ("Last", ""), ("Email", "e")])).fields["name"] == "e")
    }

    /// FEBRL's person records carry corrupted birth dates (`19560230`): the value is dropped from
    /// the extras, the person kept with the rest.
    @Test func corruptedFebrlBirthDateDropsTheValue() throws {
        let csv =
            "rec_id,given_name,surname,street_number,address_1,address_2,"
            + "suburb,postcode,state,date_of_birth,soc_sec_id\n"
            + "rec-1-org, ann, lee, 4, main st, , springfield, 2000, nsw, 19560230, 123\n"
            + "rec-2-org, bo, chen, 5, high st, , shelbyville, 2001, vic, 19700101, 456\n"
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("febrl-persons"))
        let records = try Self.records(csv, mapping: mapping, name: "febrl.csv")
        let drafts = records.map(Mapper(mapping: mapping).map)
        #expect(drafts.map(\.problems.isEmpty) == [true, true])
        #expect(drafts[0].extras["birthDate"] == nil)
        #expect(drafts[0].extras["postcode"] == "2000")
        #expect(drafts[0].dropped.map(\.field) == ["extras.birthDate"])
        #expect(drafts[1].extras["birthDate"] == "1970-01-01")
        #expect(drafts[0].matchKeys.map(\.targets) == [["name", "extras.postcode"]])
    }

    static func temporaryFile(_ text: String, name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func records(_ text: String, mapping: Mapping, name: String) throws -> [SourceRecord] {
        let path = try temporaryFile(text, name: name)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return try SourceReaders.readAll(
            path: path, format: mapping.source.format, options: ValidationRun.readOptions(for: mapping)
        ).records
    }

    static func validate(_ text: String, mapping: Mapping, name: String) throws -> ValidationReport {
        let path = try temporaryFile(text, name: name)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return try ValidationRun(mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: nil).run(path: path)
    }
}
