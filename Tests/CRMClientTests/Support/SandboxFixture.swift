import CRMClient
import CRMModel
import CRMSandbox
import Foundation

/// A sandbox for one test (own temporary database, ephemeral port) and a client holding its
/// generated primary key.
struct SandboxFixture {
    let running: RunningSandbox
    let client: CRMClient
    let databasePath: String

    static func start(
        databasePath: String = temporaryDatabasePath(), faults: FaultConfiguration = .none,
        options: ClientOptions = ClientOptions(), apiKey: String? = nil, secondaryKey: String? = nil
    ) async throws -> SandboxFixture {
        let running = try await SandboxServer.start(SandboxConfiguration(databasePath: databasePath, faults: faults))
        let client = try CRMClient(
            baseURL: running.baseURL, apiKey: apiKey ?? running.primaryKey, secondaryAPIKey: secondaryKey, options: options)
        return SandboxFixture(running: running, client: client, databasePath: databasePath)
    }

    static func temporaryDatabasePath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("crmkit-client-tests-\(UUID().uuidString)/sandbox.sqlite").path
    }

    func stop() async { await running.stop() }

    func removeDatabase() {
        try? FileManager.default.removeItem(atPath: (databasePath as NSString).deletingLastPathComponent)
    }
}

/// Runs `body` with a fresh sandbox and always stops it and removes its files.
func withSandbox(
    faults: FaultConfiguration = .none, options: ClientOptions = ClientOptions(),
    _ body: (SandboxFixture) async throws -> Void
) async throws {
    let fixture = try await SandboxFixture.start(faults: faults, options: options)
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        fixture.removeDatabase()
        throw error
    }
    await fixture.stop()
    fixture.removeDatabase()
}
