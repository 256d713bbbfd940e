import CRMModel
import Testing
@testable import CRMSync

/// What an import sends to a record that exists: only differences, never a cleared value, lists
/// added to rather than replaced; and how match keys compare the two sides.
@Suite struct RecordDiffTests {
    let diff = RecordDiff(defaultRegion: "US")

    @Test func onlyDifferingFieldsArePatchedAndEmptyValuesNeverClear() {
        let existing: JSONObject = [
            "name": "Jane Doe", "jobTitle": "Manager", "note": "keep me", "value": ["amount": 10, "code": "USD"],
        ]
        let wanted: JSONObject = ["name": "Jane Doe", "jobTitle": "Director", "note": "", "value": ["amount": 10.0]]
        #expect(diff.patch(from: existing, to: wanted) == ["jobTitle": "Director"])
        #expect(
            RecordDiff.before(existing, patch: ["jobTitle": "Director", "linkedin": "x"]) == [
                "jobTitle": "Manager", "linkedin": .null,
            ])
    }

    @Test func emailsAndPhonesAreAddedAfterTheExistingOnesAsNonPrimary() {
        let existing: JSONObject = [
            "email": [["label": "Work", "value": "Jane@Example.com", "primary": true, "extra": "x"]],
            "phone": [["label": "Work", "value": "(555) 010-0100", "primary": true]],
        ]
        let wanted: JSONObject = [
            "email": [
                ["label": "Work", "value": "jane@example.com", "primary": true],
                ["label": "Home", "value": "jane@home.example", "primary": false],
            ],
            "phone": [["label": "Mobile", "value": "+1 555 010 0100", "primary": true]],
        ]
        let patch = diff.patch(from: existing, to: wanted)
        #expect(patch.keys.sorted() == ["email"], "the phone is the same number in another format")
        #expect(
            patch["email"] == [
                ["label": "Work", "value": "Jane@Example.com", "primary": true],
                ["label": "Home", "value": "jane@home.example", "primary": false],
            ])
    }

    @Test func tagsAreUnionedByIdOrLabelAndCustomFieldsComparedKeyByKey() {
        let existing: JSONObject = [
            "tags": [["id": "t1", "label": "VIP", "color": "#fff"]], "customFields": ["a": "1", "b": "2"],
        ]
        let wanted: JSONObject = ["tags": ["vip", "New"], "customFields": ["a": "1", "b": "3", "c": ""]]
        let patch = diff.patch(from: existing, to: wanted)
        #expect(patch["tags"] == ["t1", "New"])
        #expect(patch["customFields"] == ["b": "3"])
        #expect(RecordDiff.before(existing, patch: patch) == ["tags": ["t1"], "customFields": ["b": "2"]])
        #expect(RecordDiff.applying(patch, to: existing)["customFields"] == ["a": "1", "b": "3"])
    }

    @Test func userObjectsCompareByID() {
        let existing: JSONObject = ["owner": ["id": "u1", "name": "Ann", "email": "ann@example.com"]]
        #expect(diff.patch(from: existing, to: ["owner": ["id": "u1"]]).isEmpty)
        #expect(diff.patch(from: existing, to: ["owner": ["id": "u2"]]) == ["owner": ["id": "u2"]])
    }

    @Test func aMergeKeepsTheTargetsValuesAndFillsTheRest() {
        let target: JSONObject = [
            "id": "1", "name": "Jane", "jobTitle": "", "email": [["value": "a@example.com", "primary": true]],
        ]
        let source: JSONObject = [
            "id": "2", "name": "J.", "jobTitle": "CTO", "email": [["value": "b@example.com", "primary": true]],
        ]
        let merged = diff.merged(target, [source])
        #expect(merged["name"] == "Jane")
        #expect(merged["id"] == "1")
        #expect(merged["jobTitle"] == "CTO")
        #expect(
            merged["email"] == [
                ["value": "a@example.com", "primary": true], ["value": "b@example.com", "primary": false],
            ])
    }

    @Test func matchKeysNormaliseBothSidesTheSameWay() {
        let keys = MatchKeyNormalizer(rules: [["email"], ["phone", "name"], ["extras.ticket"]], defaultRegion: "US")
        let crm: JSONObject = [
            "name": "Jane  DOE", "email": [["value": "Jane@Example.com"], ["value": "j@home.example"]],
            "phone": [["value": "(555) 010-0100"]],
        ]
        let row: JSONObject = [
            "name": "jane doe", "email": [["value": "j@home.example"]], "phone": [["value": "+1 555-010-0100"]],
        ]
        let crmKeys = Set(keys.keys(of: crm, crmSide: true).map(\.key))
        let rowKeys = keys.keys(of: row, extras: ["ticket": "T-1"], crmSide: false)
        #expect(rowKeys.filter { $0.rule < 2 }.allSatisfy { crmKeys.contains($0.key) })
        #expect(crmKeys.count == 3, "two e-mails and one phone+name; the extras rule is not searchable in the CRM")
        let ticket = try? #require(rowKeys.first { $0.rule == 2 })
        #expect(ticket.map { keys.ledgerKey(rule: 2, key: $0.key) } == "extras.ticket\u{1F}t-1")
    }
}
