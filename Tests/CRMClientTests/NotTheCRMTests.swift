import CRMClient
import CRMModel
import Foundation
import Testing

/// A base URL that points at something other than the CRM API (a web site, a login page) is
/// named as such, with what the CRM would have answered, instead of "nothing exists at that id".
@Suite struct NotTheCRMTests {
    static let page = "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"

    func error(answering answer: Data) async throws -> CRMError? {
        let server = try LoopbackServer { _ in answer }
        defer { server.stop() }
        let client = try CRMClient(baseURL: server.baseURL, apiKey: "some-key")
        return await #expect(throws: CRMError.self) { _ = try await client.contacts.get("7") }
    }

    @Test func anHTMLNotFoundPageIsNotTheCRM() async throws {
        let answer = LoopbackServer.response(404, Self.page, headers: ["Content-Type": "text/html; charset=utf-8"])
        let error = try #require(try await error(answering: answer))
        let text = error.description
        #expect(text.hasPrefix("GET /directory/contacts/7: HTTP 404 with an HTML page (text/html)\n"))
        #expect(text.contains("does not answer like the CRM API"))
        #expect(text.contains("--base-url"))
        #expect(!text.contains("Nothing exists at that id"))
        #expect(error.status == 404)
    }

    @Test func theAPIsOwnNotFoundKeepsItsAdvice() async throws {
        let answer = LoopbackServer.response(404, #"{"code": "not_found", "message": "no contact 7"}"#)
        let text = try #require(try await error(answering: answer)).description
        #expect(text.contains("HTTP 404 not_found: no contact 7"))
        #expect(text.contains("Nothing exists at that id"))
        #expect(!text.contains("does not answer like the CRM API"))
    }

    @Test func aSuccessfulAnswerThatIsNotJSONIsNotTheCRM() async throws {
        let answer = LoopbackServer.response(200, Self.page, headers: ["Content-Type": "text/html"])
        let text = try #require(try await error(answering: answer)).description
        #expect(text.contains("HTTP 200 with a body crmkit cannot read"))
        #expect(text.contains("does not answer like the CRM API"))
    }
}
