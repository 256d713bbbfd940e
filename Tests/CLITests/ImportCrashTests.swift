import CRMClient
import CRMModel
import CRMSandbox
import CRMSupport
import Foundation
import Glibc
import Testing

/// `crmkit import` killed with SIGKILL at random points, over and over, then resumed with
/// `crmkit runs resume`: the CRM must end holding exactly what an uninterrupted import leaves —
/// no record twice (also creates whose answer the killed process never read), none missing.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason), .serialized)
struct ImportCrashTests {
    static let mapping = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("mappings/sample-contacts.yaml").path

    @Test func importKilledTwentyTimesEndsAsAnUninterruptedImport() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("contacts.csv").path
        let sample = try await CLI.run(
            ["sample", "--count", "5000", "--format", "csv", "--out", file, "--duplicates", "0.1", "--seed", "11"],
            in: directory)
        try #require(sample.status == 0, "\(sample.stderr)")

        // The sandbox answers slowly enough that every kill lands in the middle of the work.
        var slow = SandboxConfiguration(
            databasePath: directory.appendingPathComponent("killed.sqlite").path, apiKey: "crash-test-key-0123456789")
        // 25 ms: 5,000 rows take ≥ 15 s of apply at concurrency 8, more than 20 kills at ≤ 0.9 s can cover.
        slow.faults = FaultConfiguration(latencyMilliseconds: 25)
        let killed = try await SandboxServer.start(slow)
        let journal = directory.appendingPathComponent("runs").path
        var kills = 0
        var finished = false
        var attempts = 0
        var generator = SystemRandomNumberGenerator()
        while !finished && attempts < 80 {
            attempts += 1
            let run = ((try? FileManager.default.contentsOfDirectory(atPath: journal)) ?? []).filter {
                FileManager.default.fileExists(atPath: journal + "/" + $0 + "/plan.json")
            }.sorted().first
            let arguments = run.map { ["runs", "resume", $0] } ?? ["import", file, "--mapping", Self.mapping, "--yes"]
            let process = try Self.launch(
                arguments + [
                    "--journal", journal, "--base-url", killed.baseURL, "--api-key", "crash-test-key-0123456789",
                ], in: directory)
            let deadline = kills < 20 ? Double.random(in: 0.25...0.9, using: &generator) : 600
            if try await Self.wait(process, seconds: deadline) {
                let status = process.waitUntilExit()
                // 65: done, with rows left alone as conflicts (the sample plants look-alikes).
                finished = status == 0 || status == 65
                #expect(finished || kills < 20, "crmkit \(arguments.joined(separator: " ")) exited \(status)")
            } else {
                process.kill()
                process.waitUntilExit()
                kills += 1
            }
        }
        #expect(kills >= 20, "the import finished before it was killed 20 times; make the file larger")
        #expect(finished)
        let interrupted = try await Self.fingerprint(killed)
        await killed.stop()

        let clean = try await SandboxServer.start(
            SandboxConfiguration(
                databasePath: directory.appendingPathComponent("clean.sqlite").path, apiKey: "crash-test-key-0123456789"
            ))
        let result = try await CLI.run(
            [
                "import", file, "--mapping", Self.mapping, "--yes", "--journal",
                directory.appendingPathComponent("clean-runs").path,
                "--base-url", clean.baseURL, "--api-key", "crash-test-key-0123456789",
            ], in: directory)
        #expect(result.status == 0 || result.status == 65, "\(result.stderr)")
        let uninterrupted = try await Self.fingerprint(clean)
        await clean.stop()
        #expect(interrupted.count == uninterrupted.count)
        let extra = interrupted.subtracting(uninterrupted)
        let missing = uninterrupted.subtracting(interrupted)
        #expect(
            extra.isEmpty && missing.isEmpty,
            "after \(kills) kills: extra \(extra.prefix(3)), missing \(missing.prefix(3))")
    }

    static func launch(_ arguments: [String], in directory: URL) throws -> ChildProcess {
        guard let binary = CLI.binary else { throw CLIHarnessError.binaryMissing }
        return try ChildProcess(
            executable: binary.path, arguments: arguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path],
            directory: directory.path, output: .discard)
    }

    /// Whether the process ended within `seconds`.
    static func wait(_ process: ChildProcess, seconds: Double) async throws -> Bool {
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while process.isRunning {
            if ContinuousClock.now >= end { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Every contact and organization as values (ids and timestamps differ between CRMs).
    static func fingerprint(_ sandbox: RunningSandbox) async throws -> Set<String> {
        try await SandboxInvariants.fingerprint(
            CRMClient(baseURL: sandbox.baseURL, apiKey: "crash-test-key-0123456789"))
    }
}
