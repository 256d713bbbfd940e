import CRMModel
import Testing
@testable import CRMSync

/// How a record of one CRM becomes the body that recreates it in another.
@Suite struct RecordTranslationTests {
    static let sourcePipeline = Pipeline(fields: [
        "id": "p-old", "name": "Sales Pipeline", "stages": [["id": "s-old", "label": "Qualified"]],
    ])
    static let targetPipeline = Pipeline(fields: [
        "id": "p-new", "name": "sales pipeline", "stages": [["id": "s-new", "label": "Qualified"]],
    ])

    let translation = RecordTranslation(
        references: TargetReferences(
            sourcePipelines: [Self.sourcePipeline], targetPipelines: [Self.targetPipeline],
            sourceCaseTypes: [
                CaseType(fields: [
                    "id": "t-old", "label": "Bug", "workflow": ["status": [["id": "open", "data": ["label": "Open"]]]],
                ])
            ],
            targetCaseTypes: [
                CaseType(fields: [
                    "id": "t-new", "label": "Bug",
                    "workflow": ["status": [["id": "new-open", "data": ["label": "Open"]]]],
                ])
            ]))

    @Test func serverMembersAreLeftOutReferencesBecomeLinksAndTagsLabels() {
        let record: JSONObject = [
            "id": "7", "createdOn": "2026-01-01T00:00:00Z", "updatedOn": "2026-01-02T00:00:00Z", "tenantId": "t",
            "closedOn": "x",
            "title": "Deal", "organizationId": "3", "organization": ["id": "3", "name": "Acme"], "contactId": 9,
            "pipelineId": "p-old", "stage": "s-old", "status": "won", "note": .null, "followers": [],
            "tags": [["id": "1", "label": "Big", "color": "#fff"]],
        ]
        let result = translation.translate(record, entity: .opportunity)
        #expect(
            result.body == ["title": "Deal", "pipelineId": "p-new", "stage": "s-new", "status": "won", "tags": ["Big"]])
        #expect(result.links.map(\.field) == ["organizationId", "contactId"])
        #expect(result.links.map(\.id) == ["3", "9"])
        #expect(result.lost.isEmpty)
    }

    @Test func whatTheTargetCannotTakeIsSaid() {
        let deal = translation.translate(["title": "Deal", "pipelineId": "p-gone", "stage": "s"], entity: .opportunity)
        #expect(deal.body["pipelineId"] == nil && deal.body["stage"] == nil)
        #expect(deal.lost.first?.hasPrefix("pipelineId:") == true)
        let ticket = translation.translate(["title": "Crash", "caseTypeId": "t-old", "status": "open"], entity: .case)
        #expect(ticket.body["caseTypeId"] == "t-new" && ticket.body["status"] == "new-open")
        let converted = translation.translate(
            ["title": "Lead", "isConverted": true, "isArchived": true], entity: .lead)
        #expect(converted.archived)
        #expect(converted.lost.first?.hasPrefix("isConverted:") == true)
        #expect(converted.body == ["title": "Lead"])
    }

    @Test func aReferenceToARecordNotCopiedIsDroppedAndSaid() {
        var builder = RestorePlanBuilder(translation: translation)
        builder.add(
            ["id": "1", "name": "Jane", "organizationId": "404"], entity: .contact, file: "records/contacts.jsonl",
            line: 1)
        #expect(builder.steps.first?.body == ["name": "Jane"])
        #expect(builder.steps.first?.links == nil)
        #expect(
            builder.altered.first?.reasons.first?.contains("organization 404 is not among the records copied") == true)
        #expect(builder.altered.first?.source.line == 1)
    }
}
