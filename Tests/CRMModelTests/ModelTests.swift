import CRMModel
import Foundation
import Testing

@Suite struct ModelTests {
    @Test func identifiersAcceptNumbersAndSortNumerically() throws {
        let ids = try JSONDecoder().decode([ContactID].self, from: Data(#"[10, "9", "abc"]"#.utf8))
        #expect(ids.map(\.rawValue) == ["10", "9", "abc"])
        #expect(ids.sorted().map(\.rawValue) == ["9", "10", "abc"])
        #expect(String(decoding: try JSONEncoder().encode(ids[0]), as: UTF8.self) == #""10""#)
    }

    @Test func unknownFieldsSurviveAReadModifyWrite() throws {
        var contact = try JSONDecoder().decode(
            Contact.self, from: Data(#"{"id":"7","name":"Ann","futureField":{"x":[1,2]}}"#.utf8))
        contact.jobTitle = "CTO"
        let back = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(contact))
        #expect(back["futureField"] == .object(["x": .array([.integer(1), .integer(2)])]))
        #expect(back["jobTitle"] == .string("CTO"))
        #expect(contact.id == "7")
    }

    @Test func settingNilRemovesAFieldWhileNullStaysExplicit() {
        var lead = Lead(title: "T")
        lead.note = "n"
        lead.note = nil
        #expect(lead.fields["note"] == nil)
        lead.fields["note"] = .null
        #expect(lead.fields["note"] == .null)
        #expect(lead.note == nil)
    }

    @Test func itemEnvelopeAcceptsEveryShapeTheReferenceUses() throws {
        for body in [
            #"{"item":{"id":"1"}}"#, #"{"items":{"id":"1"}}"#, #"{"items":[{"id":"1"}]}"#, #"{"tems":{"id":"1"}}"#,
        ] {
            let envelope = try JSONDecoder().decode(ItemEnvelope<Organization>.self, from: Data(body.utf8))
            #expect(envelope.item.id == "1", "\(body)")
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                ItemEnvelope<Organization>.self, from: Data(#"{"items":[{"id":"1"},{"id":"2"}]}"#.utf8))
        }
    }

    @Test func listEnvelopeReadsPagingWhenPresent() throws {
        let list = try JSONDecoder().decode(
            ListEnvelope<TagOption>.self,
            from: Data(#"{"items":[{"id":"a","label":"x"}],"page":2,"size":1,"total":5}"#.utf8))
        #expect(list.items.map(\.label) == ["x"])
        #expect(list.page == 2 && list.total == 5)
        let bare = try JSONDecoder().decode(ListEnvelope<TagOption>.self, from: Data(#"{"tems":[]}"#.utf8))
        #expect(bare.items.isEmpty && bare.total == nil)
    }

    @Test func dropdownOptionsMayBeStringsOrObjects() throws {
        let field = try JSONDecoder().decode(
            FormField.self,
            from: Data(#"{"id":"f","type":"dropdown","options":["a",{"id":"b1","label":"B"},42]}"#.utf8))
        #expect(field.options?.map(\.id) == ["a", "b1"])
        #expect(field.options?.map(\.label) == ["a", "B"])
        #expect(field.type == .dropdown)
    }

    @Test func unknownFieldTypesArePreserved() throws {
        let field = try JSONDecoder().decode(FormField.self, from: Data(#"{"id":"f","type":"signature"}"#.utf8))
        #expect(field.type == .other("signature"))
        #expect(FieldType(rawValue: "tel_labeled") == .telLabeled)
        #expect(FieldType.known.allSatisfy { FieldType(rawValue: $0.rawValue) == $0 })
    }

    @Test func workflowFindsStatusesByIdThenLabel() {
        let workflow = Workflow(
            statuses: [WorkflowStatus(id: "open", label: "Open"), WorkflowStatus(id: "done", label: "Closed")],
            transitions: [WorkflowTransition(id: "t", label: "Close", source: "Open", target: "done")])
        #expect(workflow.status(named: "open")?.label == "Open")
        #expect(workflow.status(named: "Closed")?.id == "done")
        #expect(workflow.status(named: "closed")?.id == "done")
        #expect(workflow.status(named: "Reopened") == nil)
    }

    @Test func theCatalogHoldsTheSixtyEightOperationsOnce() {
        #expect(APIOperation.all.count == 68)
        #expect(Set(APIOperation.all.map(\.id)).count == 68)
        #expect(Set(APIOperation.all.map(\.description)).count == 68)
        #expect(APIOperation.all.filter { !$0.isIdempotent }.allSatisfy { $0.method == .POST })
    }

    @Test func entityKindsKnowTheirPaths() {
        #expect(EntityKind.lead.formPath == EntityKind.opportunity.formPath)
        #expect(EntityKind.case.formPath == nil)
        #expect(EntityKind(plural: "organizations") == .organization)
        #expect(EntityKind.allCases.allSatisfy { EntityKind(plural: $0.plural) == $0 })
    }
}
