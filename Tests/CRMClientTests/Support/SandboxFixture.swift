import CRMClient
import CRMModel
import CRMSandbox
import CRMTestSupport
import Foundation

/// The client tests' name for the shared test sandbox.
typealias SandboxFixture = LoopbackSandbox

/// Runs `body` with a fresh sandbox and always stops it and removes its files.
func withSandbox(
    faults: FaultConfiguration = .none, options: ClientOptions = ClientOptions(),
    _ body: (SandboxFixture) async throws -> Void
) async throws {
    try await withLoopbackSandbox(faults: faults, options: options, body)
}
