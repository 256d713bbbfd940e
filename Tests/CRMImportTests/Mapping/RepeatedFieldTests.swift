import Foundation
import Testing
import CRMModel
@testable import CRMImport

/// A source field a record holds more than once (an XML export's `phone-number` elements)
/// reaches a `from` + `labelFrom` rule as every value, each with the label written next to it.
@Suite struct RepeatedFieldTests {
    static let mappingText = """
        source: { format: xml }
        target: contact
        fields:
          name: { template: "{{first-name}} {{last-name}}" }
          email:
            from: contact-data/email-addresses/email-address/address
            labelFrom: contact-data/email-addresses/email-address/location
            labels: { home: Personal }
            transforms: [email]
          phone:
            from: contact-data/phone-numbers/phone-number/number
            labelFrom: contact-data/phone-numbers/phone-number/location
            transforms: [phone]
        """

    static func phones(_ draft: Draft) -> JSONValue? { draft.fields["phone"] }

    @Test func everyValueWithItsOwnLabel() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <people>
              <person>
                <first-name>Ann</first-name><last-name>Lee</last-name>
                <contact-data>
                  <email-addresses>
                    <email-address><address>ann@example.com</address><location>Work</location></email-address>
                    <email-address><address>ann@home.example</address><location>Home</location></email-address>
                  </email-addresses>
                  <phone-numbers>
                    <phone-number><number>555-555-5555</number><location>Work</location></phone-number>
                    <phone-number><number>555-666-6666</number></phone-number>
                    <phone-number><number>555-777-7777</number><location>Home</location></phone-number>
                  </phone-numbers>
                </contact-data>
              </person>
              <person>
                <first-name>Bo</first-name><last-name>Chen</last-name>
                <contact-data>
                  <phone-numbers>
                    <phone-number><number>555-888-8888</number><location>Mobile</location></phone-number>
                    <phone-number><number>not a number</number><location>Work</location></phone-number>
                  </phone-numbers>
                </contact-data>
              </person>
            </people>
            """
        let mapping = try parseMapping(Self.mappingText)
        let path = tempFile("people.xml")
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = ValidationRun.readOptions(for: mapping)
        options.recordPath = "/people/person"
        let records = try SourceReaders.readAll(path: path, format: .xml, options: options).records
        try #require(records.count == 2)
        let mapper = Mapper(mapping: mapping)
        let ann = mapper.map(records[0]), bo = mapper.map(records[1])
        // The second phone has no location: no label (the CRM's Other), not the next one's.
        #expect(
            ann.fields["phone"] == [
                ["label": "Work", "value": "+15555555555", "primary": true],
                ["value": "+15556666666", "primary": false],
                ["label": "Home", "value": "+15557777777", "primary": false],
            ])
        #expect(
            ann.fields["email"] == [
                ["label": "Work", "value": "ann@example.com", "primary": true],
                ["label": "Personal", "value": "ann@home.example", "primary": false],
            ])
        // A bad second value is dropped alone, and listed.
        #expect(bo.fields["phone"] == [["label": "Mobile", "value": "+15558888888", "primary": true]])
        #expect(bo.problems.isEmpty)
        #expect(bo.dropped.map(\.value) == ["not a number"])
    }

    /// Highrise's own example export: John Doe's second phone (Home 555-666-6666) arrives.
    @Test(.enabled(if: Corpus.available, "../shared/corpora not found (set CRMKIT_CORPORA)"))
    func highrisePersonKeepsBothPhones() throws {
        let mapping = try parseMapping(Self.mappingText)
        let records = try Corpus.read("xml/highrise/person.xml", .xml).records
        let draft = Mapper(mapping: mapping).map(try #require(records.first))
        #expect(draft.fields["name"] == "John Doe")
        #expect(
            draft.fields["phone"] == [
                ["label": "Work", "value": "+15555555555", "primary": true],
                ["label": "Home", "value": "+15556666666", "primary": false],
            ])
        #expect(draft.fields["email"] == [["label": "Work", "value": "john.doe@example.com", "primary": true]])
        let validated = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot).validate(draft)
        #expect(validated.isValid, "\(validated.problems)")
    }

    /// A CSV header's names are unique (the reader numbers repeats), so a CSV rule reads its
    /// one column as before.
    @Test func csvColumnsReadOnce() throws {
        let mapping = try parseMapping(
            """
            target: contact
            fields:
              name: Name
              phone: { from: P, labelFrom: L }
            """)
        let draft = Mapper(mapping: mapping.bound(to: ["Name", "P", "L"])).map(
            record([("Name", "A"), ("P", "+15550100100"), ("L", "Work")]))
        #expect(draft.fields["phone"] == [["label": "Work", "value": "+15550100100", "primary": true]])
    }
}
