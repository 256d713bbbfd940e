import Testing
import CRMModel

/// The parts of the field-value rules the sandbox answers with: problem paths and reasons that
/// are its wire contract (`details[].field`, `details[].reason`), now shared with the importer.
@Suite struct SharedServerRulesTests {
    func field(_ type: FieldType, labels: [String]? = nil) -> FormField {
        FormField(id: "f", label: "F", type: type, labelOptions: labels)
    }

    func problems(_ value: JSONValue, _ type: FieldType) -> [String] {
        FieldValueValidator.checkValue(value, for: field(type)).problems.map { "\($0.path)=\($0.reason.rawValue)" }
    }

    @Test func rangeEndingBeforeItStartsIsReportedAtEnd() {
        #expect(problems(["start": "2025-02-21", "end": "2025-02-20"], .dateRange) == [".end=invalid_format"])
        #expect(
            problems(["start": "2025-02-21T09:00Z", "end": "2025-02-20T09:00Z"], .dateTimeRange) == [
                ".end=invalid_format"
            ])
    }

    @Test func monetaryNamesMissingAndMistypedMembers() {
        #expect(problems(["amount": 1], .monetary) == [".code=required"])
        #expect(problems(["amount": true, "code": "USD"], .monetary) == [".amount=invalid_type"])
        #expect(problems(["amount": "x", "code": "USD"], .monetary) == [".amount=invalid_format"])
        #expect(problems(["amount": 1, "code": "usd"], .monetary) == [".code=invalid_format"])
    }

    @Test func usersTakeIntegerIdsAndReportEveryProblem() {
        #expect(FieldValueValidator.checkUser(["id": 7, "name": "A"]).value == ["id": "7", "name": "A"])
        #expect(problems(["id": "", "email": 1], .peoplePicker) == [".id=invalid_type", ".email=invalid_type"])
        #expect(problems([["name": "no id"]], .peoplePicker) == ["[0].id=required"])
    }

    @Test func comboboxIdsAreNonBlankStrings() {
        #expect(problems("", .combobox) == ["=invalid_type"])
        #expect(problems("  ", .combobox) == ["=invalid_type"])
        #expect(problems(42, .combobox) == ["=invalid_type"])
        #expect(problems("42", .combobox).isEmpty)
    }

    @Test func twoPrimariesAreADuplicateOfTheArray() {
        let check = FieldValueValidator.checkValue(
            [["value": "a@b.io", "primary": true], ["value": "c@b.io", "primary": true]],
            for: field(.emailLabeled, labels: ["Other"]))
        #expect(check.problems.map { "\($0.path)=\($0.reason.rawValue)" } == ["=duplicate"])
    }

    @Test func lengthLimitsCountCharactersNotBytes() {
        let local = String(repeating: "é", count: 64)
        #expect(EmailSyntax.isValid(local + "@example.com"))
        #expect(!EmailSyntax.isValid(local + "é@example.com"))
        let path = String(repeating: "é", count: 2000)
        #expect(URLSyntax.isValid("https://example.com/" + path))
    }
}

extension SharedServerRulesTests {
    @Test func labeledEntriesAreStoredAsLabeledValuesOnly() {
        let check = FieldValueValidator.checkValue(
            [["value": "a@b.io", "note": "x"]], for: field(.emailLabeled, labels: ["Other"]))
        #expect(check.value == [["label": "Other", "value": "a@b.io", "primary": true]])
    }
}
