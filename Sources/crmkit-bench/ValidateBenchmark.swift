import ArgumentParser
import CRMClient
import CRMImport
import CRMModel
import CRMSandbox
import CRMSync
import Foundation

/// `crmkit-bench validate`: what `crmkit validate` does, on generated Outlook-style contacts:
/// read the CSV, map it with mappings/outlook-contacts.yaml, validate every draft against the
/// forms fetched once from an in-process sandbox. Prints records per second, wall and CPU.
struct ValidateBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read + map + validate generated Outlook-style contacts (crmkit validate without printing).")

    @Option(help: "How many contacts to generate.")
    var count = 200_000

    @Option(help: "Timed runs (the best and the median are printed).")
    var runs = 3

    @Option(help: "Threads that read, map and validate (default: one per core; 1 = all on the calling thread).")
    var threads = ValidationRun.defaultThreads

    @Option(help: "The mapping to use.")
    var mapping = "mappings/outlook-contacts.yaml"

    @Option(
        help:
            """
            Validate this file (with --mapping); when it does not exist, the generated \
            contacts are written there and kept, so profiles can leave out generating them.
            """
    )
    var file: String?

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-validate-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = file ?? directory.appendingPathComponent("outlook.csv").path
        let generate = file.map { !FileManager.default.fileExists(atPath: $0) } ?? true
        let bytes =
            generate
            ? try OutlookLayoutFile.write(count: count, to: input)
            : try FileManager.default.attributesOfItem(atPath: input)[.size] as? Int ?? 0
        let parsed = try MappingParser.load(path: mapping)

        let sandbox = try await SandboxServer.start(
            SandboxConfiguration(databasePath: directory.appendingPathComponent("s.sqlite").path))
        let snapshot: SchemaSnapshot
        do {
            let client = try CRMClient(baseURL: sandbox.baseURL, apiKey: sandbox.primaryKey)
            snapshot = try await SchemaSnapshot.fetch(for: parsed, from: ClientSchemaSource(client: client))
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()

        var walls: [Double] = []
        var cpus: [Double] = []
        var last = ValidationReport()
        for _ in 0..<max(1, runs) {
            let wall0 = Date()
            let cpu0 = ReadBenchCommand.cpuSeconds()
            var run = try ValidationRun(mapping: parsed, snapshot: snapshot, problemLimit: 0)
            run.threads = threads
            last = try run.run(path: input)
            cpus.append(ReadBenchCommand.cpuSeconds() - cpu0)
            walls.append(Date().timeIntervalSince(wall0))
        }
        walls.sort()
        cpus.sort()
        let records = Double(last.recordsRead)
        print(
            "validate: \(last.recordsRead) \(generate ? "generated Outlook-style contacts" : "records of " + input), "
                + "\(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB, mapping \(mapping), \(threads) thread(s)"
        )
        print(
            String(
                format:
                    "  wall best %.3f s = %.0f rec/s, median %.0f rec/s | CPU best %.3f s = %.0f rec/s = %.2f µs/rec",
                walls[0], records / walls[0], records / walls[walls.count / 2], cpus[0], records / cpus[0],
                cpus[0] / records * 1e6))
        print(
            "  valid \(last.valid), rejected \(last.rejected) "
                + "\(last.rejectedByReason.sorted { $0.key < $1.key }), load \(ReadBenchCommand.loadAverage())"
        )
    }
}
