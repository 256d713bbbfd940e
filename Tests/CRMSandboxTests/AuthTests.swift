import CRMClient
import CRMModel
import CRMSandbox
import Foundation
import Testing

@Suite struct AuthTests {
    @Test func missingAndWrongKeysAre401WithJSON() async throws {
        try await withSandbox { sandbox in
            for key in [nil, "wrong-key", ""] as [String?] {
                let requester = APIRequester(baseURL: sandbox.running.baseURL, apiKey: key)
                let response = try await requester.send("GET", "/directory/contacts")
                #expect(response.status == 401)
                let body = try JSONDecoder().decode(APIErrorBody.self, from: response.body)
                #expect(body.code == "unauthorized")
                #expect(body.message.contains("Ocp-Apim-Subscription-Key"))
            }
        }
    }

    @Test func secondaryKeyAndSessionKeysWork() async throws {
        try await withSandbox { sandbox in
            let secondary = APIRequester(baseURL: sandbox.running.baseURL, apiKey: sandbox.running.secondaryKey)
            let status1 = try await secondary.send("GET", "/directory/contacts").status
            #expect(status1 == 200)
            let session = "session-key-for-this-test-only-0123456789"
            let sessionRequester = APIRequester(baseURL: sandbox.running.baseURL, apiKey: session)
            let status2 = try await sessionRequester.send("GET", "/directory/contacts").status
            #expect(status2 == 401)
            sandbox.running.addSessionKey(session)
            let status3 = try await sessionRequester.send("GET", "/directory/contacts").status
            #expect(status3 == 200)
        }
    }

    @Test func generatedKeysAreLongURLSafeAndNotStoredInPlainText() async throws {
        let sandbox = try await TestSandbox.start()
        let primary = try #require(sandbox.running.primaryKey)
        let secondary = try #require(sandbox.running.secondaryKey)
        await sandbox.stop()
        defer { sandbox.removeDatabase() }
        for key in [primary, secondary] {
            #expect(key.count >= 43)
            #expect(key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        #expect(primary != secondary)
        let directory = (sandbox.databasePath as NSString).deletingLastPathComponent
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(file))
            #expect(bytes.range(of: Data(primary.utf8)) == nil, "primary key in plain text in \(file)")
            #expect(bytes.range(of: Data(secondary.utf8)) == nil, "secondary key in plain text in \(file)")
        }
    }

    @Test func givenKeyBecomesThePrimaryAndEmbeddedSessionKeyWorks() async throws {
        let key = "a-key-given-on-the-command-line-123"
        let sandbox = try await TestSandbox.start(apiKey: key)
        #expect(sandbox.running.primaryKey == nil)
        let status4 = try await sandbox.send("GET", "/directory/contacts").status
        #expect(status4 == 200)
        await sandbox.stop()
        let (embedded, sessionKey) = try await EmbeddedSandbox.start(databasePath: sandbox.databasePath)
        #expect(embedded.baseURL.hasPrefix("http://127.0.0.1:"))
        let requester = APIRequester(baseURL: embedded.baseURL, apiKey: sessionKey)
        let status5 = try await requester.send("GET", "/directory/contacts").status
        #expect(status5 == 200)
        let old = APIRequester(baseURL: embedded.baseURL, apiKey: key)
        let status6 = try await old.send("GET", "/directory/contacts").status
        #expect(status6 == 200)
        await embedded.stop()
        sandbox.removeDatabase()
    }
}
