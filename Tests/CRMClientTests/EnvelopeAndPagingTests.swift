import CRMClient
import CRMModel
import Foundation
import Testing

@Suite struct EnvelopeAndPagingTests {
    @Test func acceptsTheReferencesEnvelopeVariants() async throws {
        let transport = ScriptedTransport { request, _ in
            switch request.path {
            case "/directory/organizations/4":
                return ScriptedTransport.json(200, #"{"items": {"id": 4, "name": "Acme"}}"#)
            case "/directory/organizations/5":
                return ScriptedTransport.json(200, #"{"items": [{"id": "5", "name": "Beta"}]}"#)
            case "/cases/tags/cases": return ScriptedTransport.json(200, #"{"tems": [{"id": "t", "label": "urgent"}]}"#)
            case "/pipeline/forms/opportunities":
                return ScriptedTransport.json(
                    200, #"{"item": {"fields": [{"id": "title", "label": "Title", "type": "text"}]}}"#)
            default: return ScriptedTransport.json(404, "")
            }
        }
        let client = try makeClient(transport)
        #expect(try await client.organizations.get("4").name == "Acme")
        #expect(try await client.organizations.get("4").id == "4")
        #expect(try await client.organizations.get("5").name == "Beta")
        #expect(try await client.tags(for: .case).list().map(\.label) == ["urgent"])
        let form = try await client.forms.put(.opportunities, fields: [])
        #expect(form.map(\.id) == ["title"])
    }

    @Test func unreadableSuccessIsAnUnexpectedResponse() async throws {
        let transport = ScriptedTransport(sequence: [ScriptedTransport.json(200, "<html>login</html>")])
        let client = try makeClient(transport)
        let error = await #expect(throws: CRMError.self) { _ = try await client.pipelines.get("p") }
        guard case .unexpectedResponse(let request, let status, _)? = error else {
            Issue.record("expected unexpectedResponse, got \(String(describing: error))")
            return
        }
        #expect(request.path == "/pipeline/pipelines/opportunities/p")
        #expect(status == 200)
    }

    @Test func listWalksPagesUntilAShortPage() async throws {
        let transport = ScriptedTransport { request, _ in
            let query = URLComponents(string: request.url)?.queryItems ?? []
            let page = Int(query.first { $0.name == "page" }?.value ?? "") ?? 0
            let count = page < 3 ? 2 : 1
            let items = (0..<count).map { #"{"id": "\#(page)-\#($0)", "name": "c"}"# }.joined(separator: ",")
            return ScriptedTransport.json(200, #"{"items": [\#(items)]}"#)
        }
        let client = try makeClient(transport)
        let all = try await client.contacts.list(ContactFilter(name: "c"), sort: .descending("name"), pageSize: 2)
            .collect()
        #expect(all.compactMap(\.id?.rawValue) == ["1-0", "1-1", "2-0", "2-1", "3-0"])
        #expect(transport.requests.count == 3)
        let first = try #require(URLComponents(string: transport.requests[0].url)?.queryItems)
        #expect(first.map(\.name) == ["page", "size", "orderBy", "sort", "name"])
        #expect(first.map(\.value) == ["1", "2", "name", "desc", "c"])
    }

    @Test func listStopsWhenTheTotalIsReached() async throws {
        let transport = ScriptedTransport { _, index in
            ScriptedTransport.json(
                200,
                #"{"items": [{"id": "\#(index * 2)"}, {"id": "\#(index * 2 + 1)"}], "#
                    + #""page": \#(index + 1), "size": 2, "total": 4}"#
            )
        }
        let client = try makeClient(transport)
        let leads = try await client.leads.list(LeadFilter(isArchived: false), pageSize: 2).collect()
        #expect(leads.count == 4)
        #expect(transport.requests.count == 2)
    }

    @Test func filtersBecomeTheAPIsQueryParameters() {
        let cases = CaseFilter(
            status: "open", caseType: "t", contactIds: ["1", "2"], tags: ["a b"], createdAfter: "2024-01-01")
        #expect(
            cases.queryItems.map { "\($0.0)=\($0.1)" } == [
                "status=open", "caseType=t", "contactId=1,2", "tags=a b", "createdAfterDate=2024-01-01",
            ])
        let leads = LeadFilter(title: "Cloud", isConverted: true)
        #expect(leads.queryItems.map { "\($0.0)=\($0.1)" } == ["title=Cloud", "isConverted=true"])
    }
}
