import ArgumentParser
import CRMImport
import Foundation

/// `crmkit-bench read`: generates contacts with the sample generator, then times reading and
/// decoding them (what `crmkit read --count` does) and prints records/s.
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

    func run() throws {
        let formats: [SourceFormat] = format == "all" ? SourceFormat.allCases : [SourceFormat(rawValue: format)].compactMap { $0 }
        guard !formats.isEmpty else { throw ValidationError("--format must be csv, vcard, xml or all") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        print("crmkit-bench read: \(ProcessInfo.processInfo.activeProcessorCount) cores, best and median of \(runs) runs")
        for f in formats {
            let path: String
            if let file { path = file } else {
                path = dir.appendingPathComponent("contacts.\(f == .vcard ? "vcf" : f.rawValue)").path
                _ = try SampleWriter.write(count: count, format: f, to: path, duplicateRate: 0.1, seed: 42)
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            var times: [Double] = []
            var records = 0, errors = 0, checksum = 0
            for _ in 0..<max(1, runs) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                var reader = try SourceReaders.open(path: path, format: f)
                records = 0
                errors = 0
                while let e = try reader.next() {
                    switch e {
                    case .record(let r):
                        records += 1
                        checksum &+= r.fields.count
                    case .issue(let i): if i.severity == .error { errors += 1 }
                    }
                }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            times.sort()
            let best = times[0], median = times[times.count / 2]
            let mb = Double(size) / 1_048_576
            print(String(format: "%-5@ %9d records %6.1f MiB  best %.3f s = %10.0f records/s (%6.1f MiB/s)  median %.3f s = %10.0f records/s  errors %d  fields %d",
                         f.rawValue as NSString, records, mb, best, Double(records) / best, mb / best, median, Double(records) / median, errors, checksum / max(1, runs)))
        }
    }
}
