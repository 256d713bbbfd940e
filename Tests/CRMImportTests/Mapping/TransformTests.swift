import Testing
import CRMModel
@testable import CRMImport

/// Every transform, through a one-field mapping, so the YAML spelling is tested too.
@Suite struct TransformTests {
    /// Maps `value` in column `V` through `transforms` (YAML flow list) into a custom field
    /// whose failures reject the record (so that each is a problem on the draft).
    func run(_ transforms: String, _ value: String, defaults: String = "") throws -> (JSONValue?, [RecordProblem]) {
        let mapping = try parseMapping(
            """
            target: contact
            \(defaults)
            fields:
              name: { value: X }
            customFields:
              out: { from: V, onInvalid: reject, transforms: \(transforms) }
            """)
        let draft = Mapper(mapping: mapping).map(record([("V", value)]))
        return (draft.customFields.first?.value, draft.problems)
    }

    func value(_ transforms: String, _ input: String, defaults: String = "") throws -> JSONValue? {
        try run(transforms, input, defaults: defaults).0
    }

    @Test func textTransforms() throws {
        #expect(try value("[trim]", "  Jane  ") == "Jane")
        #expect(try value("[fold-whitespace]", " Jane \t\n  Q.\u{00A0} Doe ") == "Jane Q. Doe")
        #expect(try value("[lower]", "JANE") == "jane")
        #expect(try value("[upper]", "jane") == "JANE")
        #expect(try value("[title]", "jANE mARY o'neil") == "Jane Mary O'neil")
    }

    @Test func splitJoinFirst() throws {
        #expect(try value("[{ split: \";\" }]", "a; b;;c ") == ["a", "b", "c"])
        #expect(try value("[split, { join: \" | \" }]", "a,b") == "a | b")
        #expect(try value("[{ split: \" ::: \" }, first]", "x@y.io ::: z@y.io") == "x@y.io")
    }

    @Test func regexReplace() throws {
        #expect(try value("[{ replace: { pattern: \"[^0-9]\", with: \"\" } }]", "(555) 123-4567") == "5551234567")
        #expect(
            try value("[{ replace: { pattern: \"^(\\\\w+), (\\\\w+)$\", with: \"$2 $1\" } }]", "Doe, Jane")
                == "Jane Doe")
    }

    @Test func valueMaps() throws {
        let table = "[{ map: { Hot: 3_hot, Medium: 3_medium, \"Very Cold\": 1_cold } }]"
        #expect(try value(table, " hot ") == "3_hot")
        #expect(try value(table, "very cold") == "1_cold")
        #expect(try value(table, "Lukewarm") == "Lukewarm")
        let (rejected, problems) = try run("[{ map: { Hot: 3_hot }, otherwise: reject }]", "Lukewarm")
        #expect(rejected == nil)
        #expect(problems.map(\.reason) == [.unknownOption])
        #expect(try value("[{ map: { Hot: 3_hot }, otherwise: empty }]", "Lukewarm") == nil)
        #expect(try value("[{ split: \",\" }, { map: { a: x, b: y } }]", "a,b") == ["x", "y"])
    }

    @Test func datesNeverShiftADay() throws {
        #expect(try value("[{ date: \"M/d/yyyy\" }]", "2/29/2024") == "2024-02-29")
        #expect(try value("[{ date: [\"dd.MM.yyyy\", \"yyyy-MM-dd\"] }]", "1999-12-31") == "1999-12-31")
        #expect(try value("[{ date: \"d MMM yyyy\" }]", "3 Sep 2021") == "2021-09-03")
        #expect(try value("[{ date: \"yyyyMMdd\" }]", "19081209") == "1908-12-09")
        // A date-only value with a far-east default zone stays on its day.
        #expect(
            try value("[{ date: \"M/d/yyyy\" }]", "1/1/2024", defaults: "defaults: { timezone: Pacific/Kiritimati }")
                == "2024-01-01")
        // A date taken from a date-time keeps the written calendar day.
        #expect(try value("[{ date: \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\" }]", "2022-04-12T23:11:57.000-0800") == "2022-04-12")
        let (bad, problems) = try run("[{ date: \"M/d/yyyy\" }]", "2/30/2024")
        #expect(bad == nil)
        #expect(problems.first?.reason == .invalidFormat)
        #expect(problems.first?.value == "2/30/2024")
    }

    @Test func dateTimesFollowTheZonePolicy() throws {
        let salesforce = "\"yyyy-MM-dd'T'HH:mm:ss.SSSZ\""
        #expect(try value("[{ datetime: \(salesforce) }]", "2022-04-12T15:11:57.000+0000") == "2022-04-12T15:11:57Z")
        #expect(try value("[{ datetime: \"M/d/yyyy h:mm a\" }]", "7/4/2024 9:05 PM") == "2024-07-04T21:05:00")
        #expect(
            try value("[{ datetime: \"M/d/yyyy h:mm a\", timezone: America/New_York }]", "7/4/2024 9:05 PM")
                == "2024-07-05T01:05:00Z")
        #expect(
            try value("[{ datetime: \"yyyy-MM-dd HH:mm\", timezone: Europe/Paris }]", "2024-01-15 08:30")
                == "2024-01-15T07:30:00Z")
        #expect(
            try value("[{ datetime: \"yyyy-MM-dd HH:mm XXX\", timezone: UTC }]", "2024-01-15 08:30 +05:30")
                == "2024-01-15T03:00:00Z")
        #expect(try value("[{ time: \"h:mm a\" }]", "12:15 AM") == "00:15")
        #expect(try value("[{ time: \"HH:mm:ss\" }]", "23:59:01") == "23:59:01")
    }

    @Test func numbersWithLocale() throws {
        #expect(try value("[number]", "1,234.5") == 1234.5)
        #expect(try value("[{ number: de }]", "1.234,5") == 1234.5)
        #expect(try value("[{ number: fr }]", "1\u{202F}234,50") == 1234.5)
        #expect(try value("[{ number: { decimal: \".\", grouping: \"'\" } }]", "1'000'000") == 1_000_000)
        #expect(try value("[number]", "(42)") == -42)
        let (bad, problems) = try run("[number]", "12 apples")
        #expect(bad == nil)
        #expect(problems.first?.reason == .invalidFormat)
    }

    @Test func money() throws {
        #expect(try value("[{ money: USD }]", "$1,250.00") == ["amount": 1250, "code": "USD"])
        #expect(try value("[{ money: { locale: de } }]", "1.250,50 EUR") == ["amount": 1250.5, "code": "EUR"])
        #expect(try run("[money]", "1250").1.first?.message.contains("no currency") == true)
    }

    @Test func phonesToE164WithDefaultRegion() throws {
        #expect(try value("[phone]", "(555) 123-4567") == "+15551234567")
        #expect(try value("[{ phone: GB }]", "020 7946 0958") == "+442079460958")
        #expect(try value("[phone]", "020 7946 0958", defaults: "defaults: { region: GB }") == "+442079460958")
        #expect(try value("[phone]", "+33 1 42 68 53 00") == "+33142685300")
        #expect(try run("[phone]", "n/a").1.first?.reason == .invalidFormat)
    }

    @Test func emailsLowerCasedAndChecked() throws {
        #expect(try value("[email]", " Jane.Doe@Example.COM ") == "jane.doe@example.com")
        #expect(try run("[email]", "jane@example").1.first?.reason == .invalidFormat)
    }

    @Test func booleans() throws {
        #expect(try value("[boolean]", "Yes") == true)
        #expect(try value("[boolean]", "0") == false)
        #expect(try value("[{ boolean: { true: [oui], false: [non] } }]", "OUI") == true)
        #expect(try run("[boolean]", "maybe").1.first?.reason == .invalidFormat)
    }

    @Test func typedValueThenTextTransformIsAnError() throws {
        let (result, problems) = try run("[number, trim]", "12")
        #expect(result == nil)
        #expect(problems.first?.reason == .invalidType)
        #expect(problems.first?.hint?.contains("move trim before") == true)
    }

    @Test func defaultAndConstant() throws {
        let mapping = try parseMapping(
            """
            target: lead
            fields:
              title: { from: T, default: Untitled }
              origin: { value: website }
              value: { object: { amount: { from: A, transforms: [number] }, code: { value: EUR } } }
            """)
        let draft = Mapper(mapping: mapping).map(record([("T", " "), ("A", "10.5")]))
        #expect(draft.fields["title"] == "Untitled")
        #expect(draft.fields["origin"] == "website")
        #expect(draft.fields["value"] == ["amount": 10.5, "code": "EUR"])
    }
}
