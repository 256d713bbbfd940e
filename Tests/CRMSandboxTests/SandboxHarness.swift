import CRMClient
import CRMModel
import CRMSandbox
import CRMTestSupport
import Foundation
import Testing

/// The shared test sandbox with a raw requester, for tests of the server's HTTP answers
/// themselves (status codes, error bodies) rather than through `CRMClient`.
struct TestSandbox {
    let sandbox: LoopbackSandbox
    let api: APIRequester

    var running: RunningSandbox { sandbox.running }
    var databasePath: String { sandbox.databasePath }

    static func start(databasePath: String? = nil, apiKey: String? = nil, faults: FaultConfiguration = .none)
        async throws -> TestSandbox
    {
        let sandbox = try await LoopbackSandbox.start(databasePath: databasePath, faults: faults, apiKey: apiKey)
        return TestSandbox(sandbox: sandbox, api: APIRequester(baseURL: sandbox.baseURL, apiKey: sandbox.key))
    }

    /// Sends a request with a JSON body given as a `JSONValue` (or raw text with `rawBody`).
    func send(
        _ method: String, _ path: String, query: [(String, String)] = [], json: JSONValue? = nil, rawBody: String? = nil
    ) async throws -> HTTPResponse {
        let body: Data? = try rawBody.map { Data($0.utf8) } ?? json.map { try JSONEncoder().encode($0) }
        return try await api.send(method, path, query: query, body: body)
    }

    /// Sends and expects `status`; returns the body as a JSON value.
    @discardableResult
    func expect(
        _ status: Int, _ method: String, _ path: String, query: [(String, String)] = [], json: JSONValue? = nil,
        rawBody: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> JSONValue {
        let response = try await send(method, path, query: query, json: json, rawBody: rawBody)
        #expect(
            response.status == status, "\(method) \(path): \(String(decoding: response.body, as: UTF8.self))",
            sourceLocation: sourceLocation)
        if response.body.isEmpty { return .null }
        return try JSONDecoder().decode(JSONValue.self, from: response.body)
    }

    /// Creates a record and returns it (`item` of the 201 answer).
    func create(_ kind: EntityKind, _ body: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> JSONObject
    {
        let answer = try await expect(201, "POST", kind.collectionPath, json: body, sourceLocation: sourceLocation)
        return answer["item"]?.objectValue ?? [:]
    }

    func stop() async { await sandbox.stop() }

    func removeDatabase() { sandbox.removeDatabase() }
}

/// Runs `body` against a fresh sandbox and always stops it and removes its files.
func withSandbox(faults: FaultConfiguration = .none, _ body: (TestSandbox) async throws -> Void) async throws {
    let sandbox = try await TestSandbox.start(faults: faults)
    do {
        try await body(sandbox)
    } catch {
        await sandbox.stop()
        sandbox.removeDatabase()
        throw error
    }
    await sandbox.stop()
    sandbox.removeDatabase()
}

/// The `details` of an error answer as (field, reason) pairs.
func errorDetails(_ answer: JSONValue) -> [String: String] {
    var details: [String: String] = [:]
    for detail in answer["details"]?.arrayValue ?? [] {
        if let field = detail["field"]?.stringValue, let reason = detail["reason"]?.stringValue {
            details[field] = reason
        }
    }
    return details
}

extension JSONValue {
    /// `item.id` of an item answer, or `id` of an object.
    var recordId: String { self["item"]?["id"]?.stringValue ?? self["id"]?.stringValue ?? "" }
}
