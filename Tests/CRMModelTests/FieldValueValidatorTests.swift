import Testing
import CRMModel

/// Every field type of api-notes "Validation rules per field type", with values it must accept
/// and values it must refuse (and for which reason).
@Suite struct FieldValueValidatorTests {
    func field(
        _ type: FieldType, required: Bool = false, category: FieldCategory = .custom,
        options: [FormOption]? = nil, labels: [String]? = nil
    ) -> FormField {
        FormField(
            id: "f", label: "F", type: type, category: category, required: required, options: options,
            labelOptions: labels)
    }

    func accepts(_ type: FieldType, _ values: [JSONValue], sourceLocation: SourceLocation = #_sourceLocation) {
        for value in values {
            let check = FieldValueValidator.check(value, for: field(type))
            #expect(
                check.problems.isEmpty, "\(type) should accept \(value): \(check.problems)",
                sourceLocation: sourceLocation)
        }
    }

    func refuses(
        _ type: FieldType, _ values: [JSONValue], _ reason: FieldProblemReason,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for value in values {
            let check = FieldValueValidator.check(value, for: field(type))
            #expect(
                check.problems.map(\.reason).contains(reason),
                "\(type) should refuse \(value) as \(reason): \(check.problems)", sourceLocation: sourceLocation)
            #expect(check.value == nil, sourceLocation: sourceLocation)
        }
    }

    @Test func requiredMeansPresentNotNullNotBlankNotEmpty() {
        for value: JSONValue? in [nil, .null, "", "   ", []] {
            #expect(
                FieldValueValidator.check(value, for: field(.text, required: true)).problems.map(\.reason) == [
                    .required
                ])
            #expect(FieldValueValidator.check(value, for: field(.text)).problems.isEmpty)
        }
    }

    @Test func text() {
        accepts(.text, ["Jane", .string(String(repeating: "é", count: 1000))])
        refuses(.text, [.string(String(repeating: "a", count: 1001))], .tooLong)
        refuses(.text, [1, true, ["a"]], .invalidType)
        accepts(.textArea, [.string(String(repeating: "a", count: 65_535))])
        refuses(.textArea, [.string(String(repeating: "a", count: 65_536))], .tooLong)
    }

    @Test func email() {
        accepts(.email, ["jane@example.com", " jane.doe+tag@mail.example.co.uk ", "a@b-c.io"])
        refuses(
            .email,
            [
                "jane", "jane@", "@example.com", "jane@example", "ja ne@example.com", "jane@@example.com",
                "jane@-example.com", "jane@example.c", "jane@example.c0m", "jane@exa_mple.com",
            ], .invalidFormat)
        refuses(.email, [3], .invalidType)
        #expect(FieldValueValidator.check(" a@b.io ", for: field(.email)).value == "a@b.io")
    }

    @Test func telephone() {
        accepts(
            .tel,
            ["+1 (555) 123-4567", "555.123.4567", "123", "+44 20 7946 0958 ext. 12", "5551234 x9", "5551234#123456"])
        refuses(
            .tel,
            [
                "12", "johndoe@me.com", "+1 555 CALL NOW", "1234567890123456789012", "555 ext", "5551234 x1234567",
                "5+55",
            ], .invalidFormat)
    }

    @Test func url() {
        accepts(
            .url,
            [
                "https://www.acme.com", "johndoe.com", "http://localhost:8080/x", "acme.com/path?q=1",
                "https://user@acme.com",
            ])
        refuses(
            .url, ["ftp://acme.com", "javascript:alert(1)", "mailto:a@b.com", "acme", "https://acme .com", "https://"],
            .invalidFormat)
    }

    @Test func number() {
        accepts(.number, [1, 2.5, "1", " -3.25 ", "1e3"])
        refuses(.number, ["1,5", "abc", "1.", ".5", "--1"], .invalidFormat)
        refuses(.number, [true, ["1"]], .invalidType)
        #expect(FieldValueValidator.check("1", for: field(.number)).value == 1)
        #expect(FieldValueValidator.check("2.5", for: field(.number)).value == 2.5)
    }

    @Test func datesAndTimes() {
        accepts(.date, ["2025-02-20", "2024-02-29"])
        refuses(.date, ["2025-02-30", "2023-02-29", "20-02-2025", "2025-2-20", "2025-13-01"], .invalidFormat)
        accepts(.time, ["09:28", "23:59:59"])
        refuses(.time, ["24:00", "9:28", "09:60", "09:28:60"], .invalidFormat)
        accepts(.dateTime, ["2025-02-20T09:27", "2025-02-20T09:27:00Z", "2025-02-20T09:27:00.123+05:30"])
        refuses(.dateTime, ["2025-02-20 09:27", "2025-02-20t09:27", "2025-02-20T25:00", "2025-02-20"], .invalidFormat)
    }

    @Test func ranges() {
        accepts(
            .dateRange, [["start": "2025-02-20", "end": "2025-02-21"], ["start": "2025-02-20", "end": "2025-02-20"]])
        refuses(.dateRange, [["start": "2025-02-21", "end": "2025-02-20"]], .invalidFormat)
        refuses(.dateRange, [["start": "2025-02-21"]], .required)
        refuses(.dateRange, ["2025-02-21"], .invalidType)
        accepts(
            .dateTimeRange,
            [
                ["start": "2025-02-20T09:27", "end": "2025-02-21T09:27"],
                ["start": "2025-02-20T10:00+02:00", "end": "2025-02-20T09:00Z"],
            ])
        refuses(.dateTimeRange, [["start": "2025-02-21T09:27Z", "end": "2025-02-20T09:27Z"]], .invalidFormat)
        accepts(.timeRange, [["start": "22:00", "end": "02:00"]])
        refuses(.timeRange, [["start": "22:00", "end": "2pm"]], .invalidFormat)
    }

    @Test func dropdown() {
        let options = [FormOption(id: "3_hot", label: "Hot"), FormOption(id: "1_cold", label: "Cold")]
        let single = field(.dropdown, category: .default, options: options)
        #expect(FieldValueValidator.check("hot", for: single).value == "3_hot")
        #expect(FieldValueValidator.check("1_cold", for: single).value == "1_cold")
        #expect(FieldValueValidator.check("Lukewarm", for: single).problems.map(\.reason) == [.unknownOption])
        #expect(FieldValueValidator.check(["Hot"], for: single).problems.map(\.reason) == [.invalidType])
        let multi = field(.dropdown, options: options + [FormOption("website")])
        #expect(FieldValueValidator.check(["Hot", "website"], for: multi).value == ["3_hot", "website"])
        #expect(FieldValueValidator.check("Website", for: multi).problems.map(\.reason) == [.unknownOption])
    }

    @Test func monetary() {
        #expect(
            FieldValueValidator.check(["amount": "123.5", "code": "USD"], for: field(.monetary)).value == [
                "amount": 123.5, "code": "USD",
            ])
        refuses(
            .monetary, [["amount": -1, "code": "USD"], ["amount": 1, "code": "usd"], ["amount": 1, "code": "US"]],
            .invalidFormat)
        refuses(.monetary, [["code": "USD"]], .required)
        refuses(.monetary, [12], .invalidType)
    }

    @Test func peopleTagsCombobox() {
        #expect(
            FieldValueValidator.check(["id": "u1", "name": "A", "extra": 1], for: field(.peoplePicker)).value == [
                "id": "u1", "name": "A",
            ])
        accepts(.peoplePicker, [[["id": "u1"], ["id": "u2", "email": "b@c.de"]]])
        refuses(.peoplePicker, [["name": "no id"]], .required)
        refuses(.peoplePicker, ["u1"], .invalidType)
        accepts(.tagPicker, [[["label": "Tag3", "color": "#FF7A00"], ["id": "x", "label": "b", "color": "#abc"]]])
        refuses(.tagPicker, [[["label": "t", "color": "red"]]], .invalidFormat)
        refuses(.tagPicker, [[["color": "#fff"]]], .required)
        accepts(.combobox, ["42", ["id": "42", "name": "Acme"]])
        refuses(.combobox, [true, ["name": "Acme"]], .invalidType)
    }

    @Test func labeledValues() {
        let emails = field(.emailLabeled, labels: ["Work", "Personal", "Other"])
        let good = FieldValueValidator.check(
            [["label": "work", "value": " Jane@Example.com "], ["value": "j@home.org"]], for: emails)
        #expect(good.problems.isEmpty)
        #expect(
            good.value == [
                ["label": "Work", "value": "Jane@Example.com", "primary": true],
                ["label": "Other", "value": "j@home.org", "primary": false],
            ])
        let duplicate = FieldValueValidator.check([["value": "a@b.io"], ["value": "A@B.IO"]], for: emails)
        #expect(duplicate.problems.map(\.reason) == [.duplicate])
        #expect(duplicate.problems.first?.path == "[1].value")
        let twoPrimaries = FieldValueValidator.check(
            [["value": "a@b.io", "primary": true], ["value": "c@b.io", "primary": true]], for: emails)
        #expect(twoPrimaries.problems.map(\.reason) == [.duplicate])
        let badLabel = FieldValueValidator.check([["label": "Pager", "value": "a@b.io"]], for: emails)
        #expect(badLabel.problems.map(\.path) == ["[0].label"])
        let phones = field(.telLabeled, labels: ["Work", "Mobile"])
        #expect(
            FieldValueValidator.check([["value": "+1 555 123 4567"], ["value": "(555) 123-4567 "]], for: phones)
                .problems.isEmpty)
        #expect(
            FieldValueValidator.check([["value": "15551234567"], ["value": "+1 555 123 4567"]], for: phones).problems
                .map(\.reason) == [.duplicate])
        #expect(
            FieldValueValidator.check([["value": "john@me.com"]], for: phones).problems.map(\.path) == ["[0].value"])
        #expect(FieldValueValidator.check("a@b.io", for: emails).problems.map(\.reason) == [.invalidType])
    }
}
