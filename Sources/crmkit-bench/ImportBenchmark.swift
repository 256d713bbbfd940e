import ArgumentParser
import CRMClient
import CRMImport
import CRMSync
import Foundation

/// `crmkit-bench import` (issue 7): generated contacts imported into `crmkit sandbox serve`
/// running as a child process, with the time split into read+map+validate, planning and apply,
/// the CPU time of client and server during the apply (which of them limits it), a second
/// import of the same file (mostly skips), and the baseline a user would write instead: one request
/// at a time, GET by e-mail then POST or PATCH, against a fresh sandbox, extrapolated to the
/// same number of rows. With `--memory`, the peak memory of `crmkit import` and `crmkit apply` run
/// as processes instead.
struct ImportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import N generated contacts into a sandbox process; compare with a sequential upsert loop.")

    @Option(help: "How many contacts to generate and import.")
    var count = 100_000

    @Option(help: "Steps in flight during the apply.")
    var concurrency = 8

    @Option(help: "Share of generated records that duplicate an earlier one (0 … 0.9).")
    var duplicates = 0.0

    @Option(help: "Rows the sequential baseline upserts (then extrapolated to --count); 0 skips it.")
    var sequentialSample = 2000

    @Option(help: "The mapping (columns of `crmkit sample --format csv`).")
    var mapping = "mappings/sample-contacts.yaml"

    @Flag(
        help:
            """
            Also time JSONEncoder over the first plan with and without \
            pretty printing and sorted keys (outside the timed import).
            """
    )
    var probePlanEncoding = false

    @Flag(
        help:
            """
            Measure memory instead: run `crmkit import FILE --dry-run --plan-out plan.json` and \
            `crmkit apply plan.json --yes` as processes of their own against the sandbox and print \
            each one's peak resident memory (RSS) and wall time.
            """
    )
    var memory = false

    @Option(help: "The crmkit binary (default: next to this one).")
    var crmkit: String?

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be positive") }
        guard (0...0.9).contains(duplicates) else { throw ValidationError("--duplicates must be between 0 and 0.9") }
        guard sequentialSample >= 0 else { throw ValidationError("--sequential-sample must be 0 or more") }
    }

    func run() async throws {
        let binary = crmkit.map { URL(fileURLWithPath: $0) } ?? ClientBenchmark.siblingCRMKit()
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ValidationError(
                "\(binary.path) is not built; run `swift build -c release --product crmkit` (or pass --crmkit PATH).")
        }
        let parsed = try MappingParser.load(path: mapping)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-import-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let file = directory.appendingPathComponent("contacts.csv").path
        let sample = try SampleWriter.write(count: count, format: .csv, to: file, duplicateRate: duplicates)
        print(
            "crmkit-bench import: \(sample.records) generated contacts (\(sample.duplicates) duplicates, "
                + String(format: "%.1f MiB", Double(sample.bytes) / 1_048_576)
                + "), mapping \(mapping), concurrency \(concurrency)")
        print(
            "server: \(binary.path) sandbox serve (child process); "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores; load \(ReadBenchCommand.loadAverage())"
        )

        if memory {
            let server = try SandboxProcess(crmkit: binary)
            defer { server.stop() }
            let measurement = ImportMemoryMeasurement(binary: binary, server: server, directory: directory)
            let mappingPath = URL(fileURLWithPath: mapping).standardizedFileURL.path
            print("peak memory of crmkit as processes of their own (\(count) rows into an empty sandbox)")
            ImportMemoryMeasurement.report(try measurement.planAndApply(file: file, mapping: mappingPath)).forEach {
                print($0)
            }
            return
        }
        let imported = try await importTwice(
            file: file, mapping: parsed, runsRoot: directory.appendingPathComponent("runs"), binary: binary)
        guard sequentialSample > 0 else { return }
        try await baseline(
            file: file, binary: binary, crmkitSeconds: durationSeconds(imported.total),
            lateRowsPerSecond: imported.lateRowsPerSecond)
    }

    /// The import into an empty sandbox, then the same file again (mostly skips), then the
    /// sequential loop on the full sandbox; answers the first import's total wall time and the
    /// loop's rate on the full sandbox.
    private func importTwice(file: String, mapping parsed: Mapping, runsRoot: URL, binary: URL) async throws
        -> (total: Duration, lateRowsPerSecond: Double?)
    {
        let server = try SandboxProcess(crmkit: binary)
        defer { server.stop() }
        let client = try makeClient(server, concurrency: concurrency)
        let first = try await ImportMeasurement.run(
            file: file, mapping: parsed, mappingPath: mapping, client: client,
            concurrency: concurrency, runsRoot: runsRoot, server: server,
            probePlanEncoding: probePlanEncoding)
        first.report(title: "first import (empty sandbox)").forEach { print($0) }
        let second = try await ImportMeasurement.run(
            file: file, mapping: parsed, mappingPath: mapping, client: client,
            concurrency: concurrency, runsRoot: runsRoot, server: server)
        second.report(title: "second import of the same file (the sandbox holds every row)").forEach { print($0) }
        guard sequentialSample > 0 else { return (first.total, nil) }
        // The e-mail filter scans the contacts, so a script slows down as the CRM fills: measure
        // its rate with every row already there (GET then PATCH), the end of a real sequential run.
        let late = try await SequentialUpsert(client: try makeClient(server, concurrency: 1))
            .run(path: file, limit: max(1, sequentialSample / 4))
        print(
            String(
                format:
                    "sequential loop on the full sandbox (%d contacts; GET ?email= "
                    + "then PATCH): %d rows in %.2f s = %.0f rows/s; load %@",
                count, late.rows, durationSeconds(late.wall), late.rowsPerSecond, ReadBenchCommand.loadAverage()))
        return (first.total, late.rowsPerSecond)
    }

    /// The sequential upsert loop against a fresh sandbox, extrapolated to `--count` rows.
    /// With `lateRowsPerSecond` (the loop's rate on a full sandbox) it also prints the estimate
    /// with the time per row growing linearly from the fresh rate to that one.
    private func baseline(file: String, binary: URL, crmkitSeconds: Double, lateRowsPerSecond: Double?) async throws {
        let server = try SandboxProcess(crmkit: binary)
        defer { server.stop() }
        let client = try makeClient(server, concurrency: 1)
        let serverBefore = server.cpuTime
        let result = try await SequentialUpsert(client: client).run(path: file, limit: sequentialSample)
        let serverCPU = serverBefore.flatMap { before in server.cpuTime.map { $0 - before } }
        let extrapolated = Double(count) / result.rowsPerSecond
        print(
            "sequential baseline (fresh sandbox, one request at a time: GET ?email= then POST/PATCH; no organizations)")
        print(
            String(
                format:
                    "  %d rows in %.2f s = %.0f rows/s (%d created, %d updated, %d "
                    + "failed, %d requests); client CPU %.0f µs/row%@; load %@",
                result.rows, durationSeconds(result.wall), result.rowsPerSecond, result.created, result.updated,
                result.failed,
                result.requests, result.clientCPU.total / Double(max(result.rows, 1)) * 1e6,
                serverCPU.map {
                    String(format: ", server CPU %.0f µs/row", $0.total / Double(max(result.rows, 1)) * 1e6)
                } ?? "",
                ReadBenchCommand.loadAverage()))
        if let failure = result.firstFailure { print("  first failure: \(failure)") }
        print(
            String(
                format: "  extrapolated to %d rows: %.0f s (%.1f min); crmkit import: %.2f s; speed-up %.1f×",
                count, extrapolated, extrapolated / 60, crmkitSeconds, extrapolated / max(crmkitSeconds, 1e-9)))
        if let late = lateRowsPerSecond, late > 0 {
            let growing = Double(count) * (1 / result.rowsPerSecond + 1 / late) / 2
            print(
                String(
                    format:
                        "  with the slowdown as the CRM fills (per-row time rising linearly "
                        + "to the full-sandbox rate): %.0f s (%.1f min); speed-up %.1f×",
                    growing, growing / 60, growing / max(crmkitSeconds, 1e-9)))
        }
    }

    private func makeClient(_ server: SandboxProcess, concurrency: Int) throws -> CRMClient {
        var options = ClientOptions()
        options.transport.maxConcurrentRequests = max(8, concurrency)
        return try CRMClient(baseURL: server.baseURL, apiKey: server.apiKey, options: options)
    }
}
