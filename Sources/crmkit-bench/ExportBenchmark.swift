import ArgumentParser
import CRMClient
import CRMModel
import CRMSandbox
import CRMSync
import Foundation
import Synchronization

/// `crmkit-bench export`: `crmkit export contacts` of a large sandbox in every format, with
/// records per second and the resident memory of the process while it runs (sampled every 20 ms
/// from /proc), to show that memory stays flat in the number of records. The sandbox runs in this
/// process, so the figures include its memory; the value before the export is printed beside it.
/// Run a release build: `swift run -c release crmkit-bench export`.
struct ExportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export of 100,000 contacts per format: records/s and peak resident memory.")

    @Option(help: "Contacts seeded (each with two e-mails, a phone, an organization and a tag).")
    var records = 100_000

    @Option(name: .customLong("page-size"), help: "Records per list request.")
    var pageSize = 1000

    @Option(
        name: .customLong("format"),
        help: "Only this format (repeatable; default: all), so `/usr/bin/time -v` sees one format's peak.")
    var formats: [ExportFormat] = []

    @Option(help: "Times each format is exported, the formats taking turns (on a shared machine, compare rounds).")
    var rounds = 1

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-bench-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sandbox = try await SandboxServer.start(
            SandboxConfiguration(databasePath: directory.appendingPathComponent("bench.sqlite").path))
        defer { Task { await sandbox.stop() } }
        let client = try CRMClient(baseURL: sandbox.baseURL, apiKey: sandbox.primaryKey)
        let organizations = try await sandbox.bulkCreate(
            .organization, (0..<100).map { ["name": .string("Company \($0)")] })
        _ = try await client.contacts.tags.create(TagOption(label: "VIP"))
        var seeded = 0
        while seeded < records {
            let batch = (seeded..<min(records, seeded + 5000)).map {
                Self.contact($0, organization: organizations[$0 % organizations.count])
            }
            seeded += try await sandbox.bulkCreate(.contact, batch).count
        }
        print(
            "seeded \(seeded) contacts; \(ProcessInfo.processInfo.activeProcessorCount) cores; sandbox in this process")
        for round in 1...max(1, rounds) {
            if rounds > 1 { print("round \(round)") }
            for format in formats.isEmpty ? ExportFormat.allCases : formats {
                try await measure(format, client: client, directory: directory)
            }
        }
    }

    /// One export of every contact in `format`: records/s by the clock, and the CPU time the whole
    /// process (sandbox included) spent per record, which other work on the machine slows less.
    func measure(_ format: ExportFormat, client: CRMClient, directory: URL) async throws {
        var options = Exporter.Options()
        options.format = format
        options.pageSize = pageSize
        let file = directory.appendingPathComponent("contacts.\(format.fileExtension)")
        let before = MemorySampler.residentBytes()
        let sampler = MemorySampler()
        let sampling = Task { await sampler.run() }
        let cpuBefore = Self.processorSeconds()
        let start = ContinuousClock.now
        let written = try await Exporter(client: client, options: options).export([.contact], to: file)
        let elapsed = ContinuousClock.now - start
        let cpu = Self.processorSeconds() - cpuBefore
        sampling.cancel()
        _ = await sampling.value
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let count = written.first?.records ?? 0
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        print(
            String(
                format:
                    "%-6@ %7d records in %6.2f s: %8.0f records/s, %5.1f µs CPU/record, %6.1f "
                    + "MB file, resident %6.1f MB before, %6.1f MB peak",
                format.rawValue as NSString, count, seconds, Double(count) / seconds,
                cpu / Double(max(1, count)) * 1e6, Double(size) / 1e6, Double(before) / 1e6,
                Double(sampler.peak) / 1e6))
        try? FileManager.default.removeItem(at: file)
    }

    /// User and system CPU time of the process so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func contact(_ index: Int, organization: String) -> JSONObject {
        [
            "name": .string("Person \(index) Example"), "organizationId": .string(organization), "jobTitle": "Engineer",
            "email": [
                ["label": "Work", "value": .string("person\(index)@example.com"), "primary": true],
                ["label": "Personal", "value": .string("p\(index)@home.example"), "primary": false],
            ],
            "phone": [
                [
                    "label": "Mobile", "value": .string("+1415555\(String(format: "%04d", index % 10000))"),
                    "primary": true,
                ]
            ],
            "tags": ["VIP"],
        ]
    }
}

/// The process's resident set size, read from /proc/self/statm, and its highest sampled value.
final class MemorySampler: Sendable {
    private let highest = Atomic<Int>(0)
    var peak: Int { highest.load(ordering: .relaxed) }

    func run() async {
        while !Task.isCancelled {
            let now = Self.residentBytes()
            if now > highest.load(ordering: .relaxed) { highest.store(now, ordering: .relaxed) }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

extension ExportFormat: ExpressibleByArgument {}
