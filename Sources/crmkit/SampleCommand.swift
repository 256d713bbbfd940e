import ArgumentParser
import CRMImport

/// `crmkit sample`: writes synthetic contacts with planted duplicates and their ground truth.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write N realistic synthetic contacts as CSV, vCard or XML, with planted duplicates.",
        discussion: """
            Duplicates vary their original the way real data does: nicknames, typos, reformatted \
            phone numbers, missing or re-cased e-mails, company names written differently. The same \
            --seed always gives the same file. --truth writes `record_index,cluster_id` (0-based \
            record indexes) for `crmkit dedupe evaluate`.
            """
    )

    @Option(help: "How many contacts to write.")
    var count: Int

    @Option(help: "csv, vcard or xml.")
    var format: SourceFormat

    @Option(help: "The file to write.")
    var out: String

    @Option(help: "Share of records that duplicate an earlier one (0 … 0.9).")
    var duplicates: Double = 0.1

    @Option(help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(help: "Also write the ground truth (record_index,cluster_id) to this CSV file.")
    var truth: String?

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
        guard (0...0.9).contains(duplicates) else { throw ValidationError("--duplicates must be between 0 and 0.9") }
    }

    func run() throws {
        do {
            let s = try SampleWriter.write(
                count: count, format: format, to: out, truthPath: truth, duplicateRate: duplicates, seed: seed)
            print(
                "wrote \(s.records) contacts (\(s.clusters) people, "
                    + "\(s.duplicates) duplicates, \(s.bytes) bytes) to \(out)"
            )
        } catch let e as SourceReadError {
            var line = Array((e.description + "\n").utf8)
            ReadCommand.write(&line, to: 2)
            throw ExitStatus.failure
        }
    }
}
