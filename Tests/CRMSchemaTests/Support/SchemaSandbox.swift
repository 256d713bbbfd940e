import CRMClient
import CRMModel
import CRMSandbox
import Foundation

@testable import CRMSchema

/// A real sandbox server for one test (own temporary database, ephemeral port), reached over
/// loopback HTTP through `CRMClient` and `ClientSchemaRemote`, as the CLI reaches a CRM.
struct SchemaSandbox {
    let running: RunningSandbox
    let client: CRMClient
    let folder: URL

    var remote: ClientSchemaRemote { ClientSchemaRemote(client: client) }

    static func start() async throws -> SchemaSandbox {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmschema-sandbox-\(UUID().uuidString)")
        let running = try await SandboxServer.start(SandboxConfiguration(databasePath: folder.appendingPathComponent("sandbox.sqlite").path))
        let client = try CRMClient(baseURL: running.baseURL, apiKey: running.primaryKey)
        return SchemaSandbox(running: running, client: client, folder: folder)
    }

    func stop() async {
        await running.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` with `count` fresh sandboxes and always stops them.
func withSandboxes(_ count: Int = 1, _ body: ([SchemaSandbox]) async throws -> Void) async throws {
    var sandboxes: [SchemaSandbox] = []
    do {
        for _ in 0..<count { sandboxes.append(try await SchemaSandbox.start()) }
        try await body(sandboxes)
    } catch {
        for sandbox in sandboxes { await sandbox.stop() }
        throw error
    }
    for sandbox in sandboxes { await sandbox.stop() }
}
