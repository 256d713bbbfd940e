import CRMClient
import CRMModel
import Foundation
import Synchronization
import Testing

/// Every one of the 68 operations, through the client, against the sandbox, with its result
/// checked; the client's request log then shows each operation answered with a 2xx.
@Suite struct SandboxEveryOperationTests {
    static let defaultPipeline: PipelineID = "727a1a94-dda3-4e68-92cb-343e3e3d4fbc"
    static let qualifiedStage: StageID = "395f9a11-c7d5-4d91-b4bb-8c964cf8d329"

    @Test func allSixtyEightOperations() async throws {
        let answered = Mutex<Set<APIOperation>>([])
        var options = ClientOptions()
        options.onRequest = { event in
            guard let status = event.status, (200..<300).contains(status),
                let operation = APIOperation.matching(method: event.method, path: event.path)
            else { return }
            answered.withLock { _ = $0.insert(operation) }
        }
        try await withSandbox(options: options) { sandbox in
            let client = sandbox.client
            let tags = try await tagOperations(client)
            try await directoryOperations(client, tags: tags)
            try await formOperations(client)
            try await pipelineOperations(client)
            try await caseOperations(client)
            try await bulkDeletes(client)
            for kind in EntityKind.allCases {
                let tag = try #require(tags[kind]?.id)
                try await client.tags(for: kind).delete(tag)
                #expect(try await client.tags(for: kind).list().isEmpty)
            }
        }
        let missing = APIOperation.all.filter { !answered.withLock { $0 }.contains($0) }
        #expect(missing.isEmpty, "operations never answered 2xx: \(missing.map(\.id))")
    }

    /// Creates, lists and renames one tag per kind; returns them.
    private func tagOperations(_ client: CRMClient) async throws -> [EntityKind: TagOption] {
        var created: [EntityKind: TagOption] = [:]
        for kind in EntityKind.allCases {
            let tags = client.tags(for: kind)
            let tag = try await tags.create(label: "vip-\(kind.plural)", color: "#ff0000")
            #expect(tag.label == "vip-\(kind.plural)")
            #expect(try await tags.list().map(\.label) == ["vip-\(kind.plural)"])
            let renamed = try await tags.update(try #require(tag.id), TagOption(label: "gold-\(kind.plural)"))
            #expect(renamed.label == "gold-\(kind.plural)")
            #expect(renamed.color?.lowercased() == "#ff0000")
            created[kind] = renamed
        }
        return created
    }

    private func directoryOperations(_ client: CRMClient, tags: [EntityKind: TagOption]) async throws {
        let acme = try #require(try await client.organizations.create(Organization(name: "Acme")).id)
        let acmeTwin = try await client.organizations.create(
            Organization(fields: ["name": "Acme Inc", "industry": "Widgets"]))
        let mergedOrganization = try await client.organizations.merge(into: acme, sources: [try #require(acmeTwin.id)])
        #expect(mergedOrganization.industry == "Widgets")
        #expect(try await client.organizations.get(acme).industry == "Widgets")
        await expectNotFound { _ = try await client.organizations.get(try #require(acmeTwin.id)) }

        var jane = Contact(name: "Jane Doe", email: [LabeledValue(label: "Work", value: "jane@acme.com")])
        jane.organizationId = acme
        jane.fields["tags"] = ["gold-contacts"]
        let janeId = try #require(try await client.contacts.create(jane).id)
        let fetched = try await client.contacts.get(janeId)
        #expect(fetched.tags?.map(\.label) == ["gold-contacts"])
        #expect(fetched.organizationId == acme)
        #expect(try await client.contacts.list(ContactFilter(tags: ["gold-contacts"])).collect().map(\.id) == [janeId])

        var twin = Contact(name: "J. Doe", phone: [LabeledValue(label: "Mobile", value: "+1 555 0100")])
        twin.jobTitle = "CTO"
        let twinId = try #require(try await client.contacts.create(twin).id)
        let merged = try await client.contacts.merge(into: janeId, sources: [twinId])
        #expect(merged.name == "Jane Doe")
        #expect(merged.jobTitle == "CTO")
        #expect(merged.phone?.first?.value == "+1 555 0100")
        await expectNotFound { _ = try await client.contacts.get(twinId) }

        var patch = Contact()
        patch.department = "engineering"
        #expect(try await client.contacts.update(janeId, patch).department == "engineering")
        var orgPatch = Organization()
        orgPatch.website = "https://acme.example"
        #expect(try await client.organizations.update(acme, orgPatch).website == "https://acme.example")
        #expect(try await client.organizations.page(filter: OrganizationFilter(name: "acme")).total == 1)

        try await client.contacts.delete(janeId)
        await expectNotFound { _ = try await client.contacts.get(janeId) }
        try await client.organizations.delete(acme)
        #expect(try await client.organizations.page().items.isEmpty)
    }

    private func formOperations(_ client: CRMClient) async throws {
        for form in FormName.allCases {
            let fields = try await client.forms.get(form)
            #expect(!fields.isEmpty)
            let custom = FormField(id: FieldID("favourite_\(form.rawValue)"), label: "Favourite", type: .text)
            let updated = try await client.forms.put(form, fields: fields + [custom])
            #expect(updated.contains { $0.id == custom.id })
            #expect(try await client.forms.get(form).contains { $0.id == custom.id && $0.isCustom })
        }
    }

    private func pipelineOperations(_ client: CRMClient) async throws {
        let pipelines = try await client.pipelines.list()
        #expect(pipelines.map(\.id).contains(Self.defaultPipeline))
        let pipeline = try await client.pipelines.get(Self.defaultPipeline)
        #expect(pipeline.stages?.count == 5)

        let leadId = try #require(try await client.leads.create(Lead(title: "Cloud Migration")).id)
        #expect(try await client.leads.get(leadId).title == "Cloud Migration")
        var leadPatch = Lead()
        leadPatch.leadRating = "3_hot"
        #expect(try await client.leads.update(leadId, leadPatch).leadRating == "3_hot")
        #expect(try await client.leads.archive(leadId).isArchived == true)
        #expect(try await client.leads.list(LeadFilter(isArchived: true)).collect().map(\.id) == [leadId])
        #expect(try await client.leads.unarchive(leadId).isArchived == false)
        let converted = try await client.leads.convert(leadId)
        #expect(converted.title == "Cloud Migration")
        #expect(converted.status == .open)
        let lead = try await client.leads.get(leadId)
        #expect(lead.isConverted == true)
        #expect(lead.convertedOpportunityId == converted.id)
        try await client.leads.delete(leadId)

        let dealId = try #require(try await client.opportunities.create(Opportunity(title: "Deal")).id)
        #expect(try await client.opportunities.get(dealId).pipelineId == Self.defaultPipeline)
        #expect(
            try await client.opportunities.updateStage(dealId, to: Self.qualifiedStage).stage == Self.qualifiedStage)
        #expect(try await client.opportunities.updateStatus(dealId, .won).status == .won)
        let lost = try await client.opportunities.updateStatus(
            dealId, .lost, lostReason: LostReason(reasonId: "too_expensive", comment: "cheaper rival"))
        #expect(lost.status == .lost)
        #expect(lost.lostReason?.reasonId == "too_expensive")
        var dealPatch = Opportunity()
        dealPatch.value = Money(amount: 5000, code: "EUR")
        #expect(try await client.opportunities.update(dealId, dealPatch).value?.code == "EUR")
        #expect(try await client.opportunities.list(OpportunityFilter(title: "deal")).collect().count == 1)
        try await client.opportunities.delete(dealId)
        try await client.opportunities.delete(try #require(converted.id))
        #expect(try await client.opportunities.page().items.isEmpty)
    }

    private func caseOperations(_ client: CRMClient) async throws {
        #expect(try await client.caseTypes.list().map(\.label).contains("Support Request"))
        let featureType = try await client.caseTypes.create(CaseType(label: "Feature Request"))
        let typeId = try #require(featureType.id)
        #expect(try await client.caseTypes.get(typeId).label == "Feature Request")
        #expect(try await client.caseTypes.update(typeId, CaseType(label: "Feature Idea")).label == "Feature Idea")

        var request = Case(title: "Dark mode")
        request.caseTypeId = typeId
        let caseId = try #require(try await client.cases.create(request).id)
        var move = Case()
        move.status = "In Progress"
        #expect(try await client.cases.update(caseId, move).status == "in-progress")
        #expect(try await client.cases.list(CaseFilter(status: "in-progress")).collect().map(\.id) == [caseId])
        #expect(try await client.cases.get(caseId).caseTypeId == typeId)

        let inUse = await #expect(throws: CRMError.self) { try await client.caseTypes.delete(typeId) }
        #expect(inUse?.code == "in_use")
        try await client.cases.delete(caseId)
        try await client.caseTypes.delete(typeId)
        await expectNotFound { _ = try await client.caseTypes.get(typeId) }
    }

    private func bulkDeletes(_ client: CRMClient) async throws {
        let leads = [try await client.leads.create(Lead(title: "a")), try await client.leads.create(Lead(title: "b"))]
        let leadResult = try await client.bulkDelete(.lead, ids: leads.compactMap(\.id?.rawValue) + ["999"])
        #expect(leadResult.deleted?.sorted() == leads.compactMap(\.id?.rawValue).sorted())
        #expect(leadResult.notFound == ["999"])
        let contact = try await client.contacts.create(Contact(name: "gone"))
        #expect(
            try await client.contacts.bulkDelete([try #require(contact.id)]).deleted
                == [contact.id?.rawValue].compactMap { $0 })
        let supportCase = try await client.cases.create(Case(title: "gone"))
        #expect(try await client.bulkDelete(.case, ids: [try #require(supportCase.id?.rawValue)]).deleted?.count == 1)
        #expect(try await client.cases.page().items.isEmpty)
        #expect(try await client.leads.page().items.isEmpty)
    }

    private func expectNotFound(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation)
        async
    {
        let error = await #expect(throws: CRMError.self, sourceLocation: sourceLocation) { try await body() }
        #expect(error?.status == 404, sourceLocation: sourceLocation)
    }
}
