import Testing
import CRMModel
@testable import CRMImport

/// The e-mail and phone lists the validator checks only in part (`CheckedEntryRules`) get the
/// verdict the full check of the same draft as JSON gives, row by row, on rules made to break
/// each reason the shortcut holds; and the shortcut is taken where it should be.
@Suite struct CheckedEntryRulesTests {
    typealias Remaining = CheckedEntryRules.Remaining

    /// One mapping's `email` and `phone` rules, what the shortcut should leave to check in
    /// their lists (nil: the full check), and rows for them.
    struct Case {
        var name: String
        var email: String
        var phone: String
        var expected: (email: Remaining?, phone: Remaining?)
    }

    static let certifiedEmail = """
        { entries: [{ from: A, label: Work, primary: true }, { from: B, label: Personal }, { from: C }],
              transforms: [email] }
        """
    static let certifiedPhone = """
        { entries: [{ from: P, label: Work }, { from: Q, label: Mobile }], transforms: [phone] }
        """

    static let cases: [Case] = [
        Case(
            name: "as the Outlook mapping", email: certifiedEmail, phone: certifiedPhone,
            expected: (.length, .lengthAndValues)),
        Case(
            name: "many addresses in one cell",
            email: "{ entries: [{ from: A, label: Work }], transforms: [{ split: \";\" }, email] }",
            phone: "{ entries: [{ from: P }] }", expected: (.length, .lengthAndValues)),
        Case(
            name: "invalid addresses kept",
            email: "{ entries: [{ from: A }, { from: B }], transforms: [email], onInvalid: keep }",
            phone: "{ entries: [{ from: P, label: Pager }], transforms: [phone] }", expected: (nil, nil)),
        Case(
            name: "a fallback that is no address",
            email: "{ entries: [{ from: A, default: nobody }, { from: B, label: Personal }], transforms: [email] }",
            phone: "{ entries: [{ from: P, labelFrom: L }] }", expected: (nil, nil)),
        Case(
            name: "a transform after email",
            email: "{ entries: [{ from: A }], transforms: [email, { replace: { pattern: \"@\", with: \" at \" } }] }",
            phone: "{ entries: [{ from: P, labelFrom: L, label: Home }, { from: Q }], transforms: [phone] }",
            expected: (nil, .lengthAndValues)),
        Case(
            name: "no email transform",
            email: "{ entries: [{ from: A }, { from: B }, { from: C }] }",
            phone: "{ entries: [{ from: P }, { from: Q }], transforms: [phone], onInvalid: keep }",
            expected: (nil, .lengthAndValues)),
        Case(
            name: "an e-mail label the form lacks",
            email: "{ entries: [{ from: A, label: Work }, { from: B, label: Home }], transforms: [email] }",
            phone: certifiedPhone, expected: (nil, .lengthAndValues)),
    ]

    /// Rows meant to catch a shortcut taken wrongly: repeats (by case, by spaces, by digits),
    /// invalid and padded addresses, a no-break space before one, numbers too long for the form,
    /// text for a phone, 60 addresses in one cell, labels the form lacks, nothing at all.
    static let rows: [[String: String]] = [
        ["A": "ann@example.com", "B": "Ann@Example.com", "C": "bo@example.com", "P": "555 0100", "Q": "(555) 0100"],
        ["A": " ann@example.com", "B": "ann@example.com ", "C": "ANN@EXAMPLE.COM", "P": "+1 555 0100", "Q": "5550100"],
        ["A": "not an address", "B": "x@y", "C": "\u{00A0}cy@example.com", "P": "call me", "Q": "12"],
        ["A": "dee@example.com", "P": "1234567890123456789012345", "Q": "555-0100 ext. 12", "L": "Pager"],
        [
            "A": (0..<60).map { "a\($0)@example.com" }.joined(separator: ";"), "P": "555 0101", "L": "* Home",
            "B": "e@example.com;f@example.com",
        ],
        ["A": "", "B": "", "C": "", "P": "", "Q": "", "L": ""],
        ["A": "a@example.com;A@EXAMPLE.COM; a@example.com", "P": "555 0102", "Q": "+15550102", "L": "mobile"],
    ]

    @Test(arguments: cases.indices)
    func listsGetTheFullChecksVerdict(_ index: Int) throws {
        let testCase = Self.cases[index]
        let mapping = try MappingParser.parse(
            yaml: """
                source: { format: csv }
                target: contact
                fields:
                  name: { from: Name, default: Someone }
                  email: \(testCase.email)
                  phone: \(testCase.phone)
                """, file: "m.yaml")
        let mapper = Mapper(mapping: mapping)
        let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
        let positions = mapping.fields.indices
        let emailRule = try #require(positions.first { mapping.fields[$0].target == "email" })
        let phoneRule = try #require(positions.first { mapping.fields[$0].target == "phone" })
        #expect(validator.checkedEntryRules.remaining(rule: emailRule) == testCase.expected.email, "\(testCase.name)")
        #expect(validator.checkedEntryRules.remaining(rule: phoneRule) == testCase.expected.phone, "\(testCase.name)")
        var refused = 0
        for (line, row) in Self.rows.enumerated() {
            let record = SourceRecord(
                provenance: SourceProvenance(file: "f.csv", line: line + 2, record: line + 1),
                fields: row.sorted { $0.key < $1.key }.map { SourceField(name: $0.key, value: $0.value) })
            let full = validator.validate(mapper.map(record))
            let run = validator.verdict(of: mapper.mapFields(record, keepingExtras: false))
            #expect(run.problems == full.problems, "\(testCase.name), row \(line + 1)")
            #expect(run.dropped == full.draft.dropped, "\(testCase.name), row \(line + 1)")
            refused += full.problems.isEmpty ? 0 : 1
        }
        // Every case has rows the form refuses: the comparison above is not between two silences.
        #expect(refused > 0, "\(testCase.name)")
    }
}
