import CRMDedupe
import CRMImport
import CRMModel
import Foundation

/// Prints what `dedupe evaluate` measured: aligned lines for people, one JSON document for scripts.
struct EvaluationReportPrinter {
    let output: Output
    let file: String
    let threshold: Double

    func print(_ report: FileEvaluation.Report, seconds: Double) {
        let m = report.metrics
        if output.json {
            output.document(
                EvaluationJSON(
                    file: file, records: report.records, unmappedRecords: report.unmappedCount,
                    readProblems: report.readIssues.count,
                    truthPairs: m.truePairs, candidatePairs: m.candidatePairs, pairsFound: m.foundPairs,
                    correctPairs: m.correctPairs,
                    clusters: report.result.clusters.count, reviews: report.result.reviews.count,
                    precision: m.precision,
                    recall: m.recall, f1: m.f1, threshold: threshold, seconds: seconds,
                    problems: report.unmapped.map(\.description)))
            return
        }
        output.line(output.bold("\(file): \(report.records) records"))
        if report.unmappedCount > 0 {
            output.line("  not mapped:      \(report.unmappedCount) (not clustered; their true pairs count as missed)")
        }
        if !report.readIssues.isEmpty {
            output.line("  read problems:   \(report.readIssues.count)")
        }
        output.line("  candidate pairs: \(m.candidatePairs)")
        output.line("  true pairs:      \(m.truePairs)")
        output.line(
            "  pairs found:     \(m.foundPairs) (\(m.correctPairs) correct) in \(report.result.clusters.count) clusters"
        )
        output.line("  held for review: \(report.result.reviews.count) pairs")
        output.line("  precision:       \(Self.figure(m.precision))")
        output.line("  recall:          \(Self.figure(m.recall))")
        output.line("  F1:              \(Self.figure(m.f1))")
        output.line("  threshold:       \(threshold)")
        output.line("  time:            \(String(format: "%.2f", seconds)) s")
        if report.truthOutOfRange > 0 {
            output.line(
                "  warning: \(report.truthOutOfRange) truth rows name records beyond "
                    + "the file's \(report.records); check the truth file matches FILE"
            )
        }
        for problem in report.unmapped { Output.diagnostic(problem.description) }
        for issue in report.readIssues.prefix(20) { Output.diagnostic(issue.description) }
        if report.unmappedCount > report.unmapped.count {
            Output.diagnostic("… and \(report.unmappedCount - report.unmapped.count) more records not mapped")
        }
    }

    static func figure(_ value: Double) -> String { String(format: "%.4f", value) }
}

/// `crmkit dedupe evaluate --json`.
struct EvaluationJSON: Encodable {
    var file: String
    var records, unmappedRecords, readProblems, truthPairs, candidatePairs, pairsFound, correctPairs, clusters,
        reviews: Int
    var precision, recall, f1, threshold, seconds: Double
    /// The first records that could not be mapped, as diagnostics.
    var problems: [String]
}
