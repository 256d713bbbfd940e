import ArgumentParser
import CRMClient
import CRMModel
import CRMSandbox
import CRMSync
import Foundation

/// `crmkit-bench restore`: a backup of N contacts (each linked to one of 100 organizations)
/// restored into an empty sandbox, with records per second and the process's resident memory
/// (sampled every 20 ms). Both sandboxes run in this process, so their memory is included; the
/// value before the restore is printed beside the peak. Run a release build:
/// `swift run -c release crmkit-bench restore`.
struct RestoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Backup and restore of 100,000 contacts with organization links: records/s and peak resident memory.")

    @Option(help: "Contacts seeded (each with two e-mails, a phone, an organization and a tag).")
    var count = 100_000

    @Option(help: "Requests in flight at once while restoring.")
    var concurrency = 8

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-bench-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try await SandboxServer.start(
            SandboxConfiguration(databasePath: directory.appendingPathComponent("source.sqlite").path))
        let target = try await SandboxServer.start(
            SandboxConfiguration(databasePath: directory.appendingPathComponent("target.sqlite").path))
        let sourceClient = try CRMClient(baseURL: source.baseURL, apiKey: source.primaryKey)
        let targetClient = try CRMClient(baseURL: target.baseURL, apiKey: target.primaryKey)
        let organizations = try await source.bulkCreate(
            .organization, (0..<100).map { ["name": .string("Company \($0)")] })
        _ = try await sourceClient.contacts.tags.create(TagOption(label: "VIP"))
        var seeded = 0
        while seeded < count {
            let batch = (seeded..<min(count, seeded + 5000)).map {
                ExportBenchmark.contact($0, organization: organizations[$0 % organizations.count])
            }
            seeded += try await source.bulkCreate(.contact, batch).count
        }
        print(
            "seeded \(seeded) contacts and \(organizations.count) organizations; "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores; both sandboxes in this process"
        )

        let backup = directory.appendingPathComponent("backup")
        let (backupSeconds, backupPeak, backupBefore) = try await Self.measure {
            _ = try await Backup(client: sourceClient, identity: "source").write(to: backup)
        }
        let total = seeded + organizations.count
        print(
            String(
                format: "backup  %7d records in %7.2f s: %8.0f records/s, resident %6.1f MB before, %6.1f MB peak",
                total, backupSeconds, Double(total) / backupSeconds, Double(backupBefore) / 1e6,
                Double(backupPeak) / 1e6))

        var restore = Restore(
            client: targetClient, identity: "target", runsRoot: directory.appendingPathComponent("runs"))
        restore.concurrency = concurrency
        nonisolated(unsafe) var outcome: Restore.Outcome?
        let (seconds, peak, before) = try await Self.measure { outcome = try await restore.restore(from: backup) }
        let done = outcome?.summary.done ?? 0
        print(
            String(
                format:
                    "restore %7d records in %7.2f s: %8.0f records/s, resident "
                    + "%6.1f MB before, %6.1f MB peak (%@, concurrency %d)",
                done, seconds, Double(done) / seconds, Double(before) / 1e6, Double(peak) / 1e6,
                (outcome?.summary.status ?? "?") as NSString, concurrency))
        let linked = try await RecordStore(client: targetClient, entity: .contact).all().filter {
            $0["organizationId"] != nil && $0["organizationId"] != .null
        }.count
        print("restored contacts with an organization: \(linked) of \(seeded)")
        await source.stop()
        await target.stop()
    }

    /// Seconds, peak and starting resident bytes of `body`.
    static func measure(_ body: () async throws -> Void) async throws -> (Double, Int, Int) {
        let before = MemorySampler.residentBytes()
        let sampler = MemorySampler()
        let sampling = Task { await sampler.run() }
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        sampling.cancel()
        _ = await sampling.value
        return (
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, sampler.peak, before
        )
    }
}
