import CRMClient
import CRMModel
import Foundation
import Synchronization
import Testing

/// Calls every method of the client against a transport that answers any request, and checks that
/// together they sent each of the 68 operations of the catalog, each with its method and path.
@Suite struct OperationCoverageTests {
    static func operation(of request: HTTPRequest) -> APIOperation? {
        APIOperation.matching(method: request.method, path: request.path)
    }

    @Test func everyOperationOfTheCatalogHasAClientMethod() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "DELETE"
                ? .success(HTTPResponse(status: 204))
                : ScriptedTransport.json(200, #"{"item": {"id": "1"}, "items": []}"#)
        }
        let client = try makeClient(transport)
        try await callEveryOperation(client)

        let sent = transport.requests.compactMap(Self.operation(of:))
        #expect(sent.count == transport.requests.count, "a request matched no operation of the catalog")
        let missing = APIOperation.all.filter { !sent.contains($0) }
        #expect(missing.isEmpty, "no client method sends: \(missing.map(\.id))")
        #expect(Set(sent).count == 68)
        #expect(APIOperation.all.count == 68)
    }

    private func callEveryOperation(_ client: CRMClient) async throws {
        for kind in EntityKind.allCases {
            _ = try await client.tags(for: kind).list()
            _ = try await client.tags(for: kind).create(label: "x")
            _ = try await client.tags(for: kind).update("t", TagOption(label: "y"))
            try await client.tags(for: kind).delete("t")
            _ = try await client.bulkDelete(kind, ids: ["1"])
        }
        try await crud(client.leads, Lead(title: "l"))
        try await crud(client.opportunities, Opportunity(title: "o"))
        try await crud(client.contacts, Contact(name: "c"))
        try await crud(client.organizations, Organization(name: "o"))
        try await crud(client.cases, Case(title: "c"))
        _ = try await client.leads.archive("1")
        _ = try await client.leads.unarchive("1")
        _ = try await client.leads.convert("1")
        _ = try await client.opportunities.updateStatus("1", .won)
        _ = try await client.opportunities.updateStage("1", to: "s")
        _ = try await client.contacts.merge(into: "1", sources: ["2"])
        _ = try await client.organizations.merge(into: "1", sources: ["2"])
        _ = try await client.pipelines.list()
        _ = try await client.pipelines.get("p")
        for form in FormName.allCases {
            _ = try await client.forms.get(form)
            _ = try await client.forms.put(form, fields: [])
        }
        _ = try await client.caseTypes.list()
        _ = try await client.caseTypes.get("t")
        _ = try await client.caseTypes.create(CaseType(label: "t"))
        _ = try await client.caseTypes.update("t", CaseType(label: "u"))
        try await client.caseTypes.delete("t")
    }

    private func crud<Record: ListableRecord>(_ records: Records<Record>, _ sample: Record) async throws {
        _ = try await records.page(1, size: 5)
        _ = try await records.create(sample)
        _ = try await records.get("1")
        _ = try await records.update("1", sample)
        try await records.delete("1")
    }
}
