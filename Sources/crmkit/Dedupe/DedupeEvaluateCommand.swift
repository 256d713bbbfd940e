import ArgumentParser
import CRMDedupe
import CRMImport
import CRMModel
import Foundation

/// `crmkit dedupe evaluate FILE --mapping M --truth T`: clusters a file's own records offline and
/// scores the clusters against a ground truth, so matching quality can be measured (and kept
/// from regressing) on benchmark or synthetic data without a CRM.
struct DedupeEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Cluster a file's own records and score the clusters against a ground truth.",
        discussion: """
            Offline: reads FILE, maps every record with the mapping file, clusters them and prints \
            records, candidate pairs, pairs found, precision, recall and F1 over record pairs. \
            TRUTH.csv has a header, then `record_index,cluster_id` (0-based position of the record \
            in FILE). Records whose mapping fails are not clustered: they are reported, and their \
            true pairs count as missed. Exit codes: 0 done; 64 the mapping, truth or options are \
            wrong; 65 some records could not be read or mapped (figures still printed).
            """)

    @Argument(help: "The file whose records are clustered (CSV, vCard or XML).")
    var file: String

    @Option(help: ArgumentHelp("The mapping file (YAML).", valueName: "MAPPING.yaml"))
    var mapping: String

    @Option(help: ArgumentHelp("The ground truth: record_index,cluster_id.", valueName: "TRUTH.csv"))
    var truth: String

    @Option(help: "Match probability from which two records are linked (0 < T < 1, default 0.95).")
    var threshold: Double?

    @OptionGroup var twins: TwinsOption

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    func validate() throws {
        if let threshold, !(threshold > 0 && threshold < 1) {
            throw ValidationError("--threshold must be between 0 and 1 (exclusive), e.g. 0.9")
        }
    }

    func run() throws {
        let mapping = try exitingOnInputErrors { try MappingParser.load(path: self.mapping) }
        guard let text = try? String(contentsOfFile: self.truth, encoding: .utf8) else {
            Output.diagnostic(
                "\(self.truth): error: cannot read the file (give the ground truth written "
                    + "by `crmkit sample --truth`, or your own `record_index,cluster_id` CSV)"
            )
            throw ExitStatus.usage
        }
        let truth = try exitingOnInputErrors { try GroundTruth.parse(csv: text, source: self.truth) }
        var configuration =
            mapping.entity == .organization ? DedupeConfiguration.forOrganizations() : DedupeConfiguration()
        if let threshold { configuration.threshold = threshold }
        twins.apply(to: &configuration)
        let clock = ContinuousClock()
        let start = clock.now
        let evaluation = FileEvaluation(mapping: mapping, configuration: configuration)
        let report = try exitingOnInputErrors { try evaluation.run(path: file, truth: truth) }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        EvaluationReportPrinter(output: Output(json: json), file: file, threshold: configuration.threshold)
            .print(report, seconds: seconds)
        if report.unmappedCount > 0 || report.readIssues.contains(where: { $0.severity == .error }) {
            throw ExitStatus.dataError
        }
    }
}
