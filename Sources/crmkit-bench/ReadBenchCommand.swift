import ArgumentParser
import CRMImport
import Foundation

/// `crmkit-bench read`: generates contacts with the sample generator, then times reading and
/// decoding them (what `crmkit read --count` does) and prints records/s; with `--compare`, times
/// what a user could pick instead (polars and Python's csv module, vobject, lxml) on the same
/// file in the same run.
struct ReadBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Time the CSV / vCard / XML readers on generated contacts (records/s)."
    )

    @Option(help: "csv, vcard, xml, or all.")
    var format: String = "all"

    @Option(help: "How many contacts to generate.")
    var count: Int = 200_000

    @Option(help: "Timed runs per format (the best and the median are printed).")
    var runs: Int = 3

    @Option(help: "Read this file instead of generating one (needs --format).")
    var file: String?

    @Option(
        help: """
            The CSV layout generated: sample (the columns of `crmkit sample`) or outlook (all 92 \
            columns of Outlook's export, mostly empty). vCard and XML are always the sample's.
            """)
    var layout: String = "outlook"

    @Option(help: "A Python interpreter with polars, vobject or lxml installed: time them on the same files.")
    var compare: String?

    /// CPU time of this process (user + system): the machine is shared, so wall time alone misleads.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(
            separator: " ") ?? "?"
    }

    func run() throws {
        let formats: [SourceFormat] =
            format == "all" ? SourceFormat.allCases : [SourceFormat(rawValue: format)].compactMap { $0 }
        guard !formats.isEmpty else { throw ValidationError("--format must be csv, vcard, xml or all") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        print(
            "crmkit-bench read: \(count) generated contacts per format, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores, "
                + "\(runs) runs; load average \(Self.loadAverage())"
        )
        for f in formats {
            let path: String
            if let file {
                path = file
            } else {
                path = dir.appendingPathComponent("contacts.\(f == .vcard ? "vcf" : f.rawValue)").path
                if f == .csv && layout == "outlook" {
                    _ = try OutlookLayoutFile.write(count: count, to: path, seed: 42)
                } else {
                    _ = try SampleWriter.write(count: count, format: f, to: path, duplicateRate: 0.1, seed: 42)
                }
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            var times: [Double] = []
            var cpuTimes: [Double] = []
            var records = 0, errors = 0, fieldsOfFirst = 0
            for _ in 0..<max(1, runs) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let c0 = Self.cpuSeconds()
                var reader = try SourceReaders.open(path: path, format: f)
                records = 0
                errors = 0
                while let e = try reader.next() {
                    switch e {
                    case .record(let r):
                        // Counted, as `crmkit read --count` does: values become strings only
                        // when something reads them.
                        if records == 0 { fieldsOfFirst = r.fields.count }
                        records += 1
                    case .issue(let i): if i.severity == .error { errors += 1 }
                    }
                }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                cpuTimes.append(Self.cpuSeconds() - c0)
            }
            times.sort()
            cpuTimes.sort()
            let best = times[0], median = times[times.count / 2], cpu = cpuTimes[0]
            let mb = Double(size) / 1_048_576
            print(
                String(
                    format:
                        "%-5@ %7d records %6.1f MiB | wall best %.3f s = %9.0f rec/s (%5.1f MiB/s), median "
                        + "%9.0f rec/s | CPU best %.3f s = %9.0f rec/s | errors %d, fields of the first record %d",
                    f.rawValue as NSString, records, mb, best, Double(records) / best, mb / best,
                    Double(records) / median,
                    cpu, Double(records) / cpu, errors, fieldsOfFirst))
            if let compare { AlternativeReaders.time(format: f, path: path, python: compare, runs: runs) }
        }
    }
}
