import CRMClient
import CRMModel
import CRMSandbox
import CRMTestSupport
import Foundation

@testable import CRMSchema

/// A real sandbox server for one test (own temporary database, ephemeral port), reached over
/// loopback HTTP through `CRMClient` and `ClientSchemaRemote`, as the CLI reaches a CRM.
struct SchemaSandbox {
    let sandbox: LoopbackSandbox

    var running: RunningSandbox { sandbox.running }
    var client: CRMClient { sandbox.client }
    var folder: URL { sandbox.directory }
    var remote: ClientSchemaRemote { ClientSchemaRemote(client: client) }

    static func start() async throws -> SchemaSandbox { SchemaSandbox(sandbox: try await LoopbackSandbox.start()) }

    func stop() async {
        await sandbox.stop()
        sandbox.removeDatabase()
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
