import CRMModel
import Foundation
import Testing

/// Every example request body of the reference decodes into its model type and encodes back to
/// the same JSON: nothing the API documents is lost on a read-modify-write.
@Suite struct ReferenceExampleTests {
    static let missing: Comment = "../shared/reference/crm-api-reference.txt is absent (set CRMKIT_REFERENCE)"

    @Test(.enabled(if: ReferenceExamples.referenceURL != nil, missing))
    func everyExampleBodyRoundTripsThroughItsModelType() throws {
        let url = try #require(ReferenceExamples.referenceURL)
        let examples = try ReferenceExamples.load(from: url)
        // The reference holds 35 request bodies; fewer means the extraction broke.
        #expect(examples.count >= 35, "found only \(examples.count) example bodies")
        var checked = 0
        for example in examples {
            guard let original = try? JSONDecoder().decode(JSONValue.self, from: Data(example.json.utf8)) else {
                Issue.record("\(example.endpoint): the cleaned example is not JSON:\n\(example.json)")
                continue
            }
            let roundTripped = try roundTrip(example, original: original)
            #expect(
                roundTripped.semanticallyEquals(original),
                "\(example.endpoint) lost data:\n\(example.json)\n\(roundTripped)")
            checked += 1
        }
        #expect(checked == examples.count)
    }

    @Test(.enabled(if: ReferenceExamples.referenceURL != nil, missing))
    func typedAccessorsSeeTheReferenceValues() throws {
        let url = try #require(ReferenceExamples.referenceURL)
        let examples = try ReferenceExamples.load(from: url)
        let lead = try decode(Lead.self, from: examples, endpoint: "POST /pipeline/leads")
        #expect(lead.title == "Cloud Migration Project - Acme Corp")
        #expect(lead.value == Money(amount: 25000, code: "USD"))
        #expect(lead.organizationId == "456")
        #expect(lead.owner?.email == "sarah.lee@example.com")

        let contact = try decode(Contact.self, from: examples, endpoint: "POST /directory/contacts")
        #expect(contact.email?.count == 2)
        #expect(contact.email?.first?.primary == true)
        #expect(contact.phone?.first?.value == "+15551234567")
        #expect(contact.customFields?["custom_field_1"] == "Some Value")

        let caseType = try decode(CaseType.self, from: examples, endpoint: "POST /cases/types/cases")
        #expect(caseType.workflow?.statuses?.map(\.id) == ["open", "in-progress", "closed"])
        #expect(caseType.workflow?.transitions?.count == 11)
        #expect(caseType.workflow?.status(named: "In Progress")?.id == "in-progress")
        #expect(caseType.workflow?.status(named: "Resolved") == nil)

        let merge = try decode(MergeRequest.self, from: examples, endpoint: "POST /directory/contacts/{id}/merge")
        #expect(merge.sourceIds == ["2", "3", "4"])

        let status = try decode(
            OpportunityStatusUpdate.self, from: examples, endpoint: "PATCH /pipeline/opportunities/{id}/updateStatus",
            index: 1)
        #expect(status.status == .lost)
        #expect(status.lostReason?.reasonId == "too_expensive")

        let form = try decode(FormUpdate.self, from: examples, endpoint: "PUT /pipeline/forms/opportunities")
        let origin = form.formFields?.first { $0.id == "origin" }
        #expect(origin?.type == .dropdown)
        #expect(origin?.options?.map(\.id) == ["website", "referral", "partner", "inbound", "other"])
        #expect(form.formFields?.first { $0.id == "value" }?.type == .monetary)
    }

    private func decode<T: Decodable>(
        _ type: T.Type, from examples: [ReferenceExamples.Example], endpoint: String, index: Int = 0
    ) throws -> T {
        let matching = examples.filter { $0.endpoint == endpoint }
        try #require(matching.count > index, "no example \(index) for \(endpoint)")
        return try JSONDecoder().decode(T.self, from: Data(matching[index].json.utf8))
    }

    /// Decodes the body as the model type its endpoint takes, then encodes it back.
    private func roundTrip(_ example: ReferenceExamples.Example, original: JSONValue) throws -> JSONValue {
        let data = Data(example.json.utf8)
        let encoded: Data
        switch modelType(for: example.endpoint) {
        case .lead: encoded = try JSONEncoder().encode(JSONDecoder().decode(Lead.self, from: data))
        case .opportunity: encoded = try JSONEncoder().encode(JSONDecoder().decode(Opportunity.self, from: data))
        case .contact: encoded = try JSONEncoder().encode(JSONDecoder().decode(Contact.self, from: data))
        case .organization: encoded = try JSONEncoder().encode(JSONDecoder().decode(Organization.self, from: data))
        case .case: encoded = try JSONEncoder().encode(JSONDecoder().decode(Case.self, from: data))
        case .caseType: encoded = try JSONEncoder().encode(JSONDecoder().decode(CaseType.self, from: data))
        case .tag: encoded = try JSONEncoder().encode(JSONDecoder().decode(TagOption.self, from: data))
        case .form: encoded = try JSONEncoder().encode(JSONDecoder().decode(FormUpdate.self, from: data))
        case .bulk: encoded = try JSONEncoder().encode(JSONDecoder().decode(BulkAction.self, from: data))
        case .merge: encoded = try JSONEncoder().encode(JSONDecoder().decode(MergeRequest.self, from: data))
        case .status: encoded = try JSONEncoder().encode(JSONDecoder().decode(OpportunityStatusUpdate.self, from: data))
        case .stage: encoded = try JSONEncoder().encode(JSONDecoder().decode(OpportunityStageUpdate.self, from: data))
        case nil:
            Issue.record("no model type for \(example.endpoint)")
            return original
        }
        return try JSONDecoder().decode(JSONValue.self, from: encoded)
    }

    private enum ModelType {
        case lead, opportunity, contact, organization, `case`, caseType, tag, form, bulk, merge, status, stage
    }

    private func modelType(for endpoint: String) -> ModelType? {
        let path = endpoint.split(separator: " ").dropFirst().joined(separator: " ")
        if path.hasSuffix("/merge") { return .merge }
        if path.hasSuffix("/updateStatus") { return .status }
        if path.hasSuffix("/updateStage") { return .stage }
        if path.hasSuffix("/bulk-actions") { return .bulk }
        if path.contains("/tags/") { return .tag }
        if path.contains("/forms/") { return .form }
        if path.hasPrefix("/cases/types") { return .caseType }
        if path.hasPrefix("/cases/cases") { return .case }
        if path.hasPrefix("/pipeline/leads") { return .lead }
        if path.hasPrefix("/pipeline/opportunities") { return .opportunity }
        if path.hasPrefix("/directory/contacts") { return .contact }
        if path.hasPrefix("/directory/organizations") { return .organization }
        return nil
    }
}
