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
            output.document(.object([
                "file": .string(file),
                "records": .integer(Int64(report.records)),
                "unmappedRecords": .integer(Int64(report.unmappedCount)),
                "readProblems": .integer(Int64(report.readIssues.count)),
                "truthPairs": .integer(Int64(m.truePairs)),
                "candidatePairs": .integer(Int64(m.candidatePairs)),
                "pairsFound": .integer(Int64(m.foundPairs)),
                "correctPairs": .integer(Int64(m.correctPairs)),
                "clusters": .integer(Int64(report.result.clusters.count)),
                "reviews": .integer(Int64(report.result.reviews.count)),
                "precision": .double(m.precision),
                "recall": .double(m.recall),
                "f1": .double(m.f1),
                "threshold": .double(threshold),
                "seconds": .double(seconds),
                "problems": .array(report.unmapped.map { .string($0.description) }),
            ]))
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
        output.line("  pairs found:     \(m.foundPairs) (\(m.correctPairs) correct) in \(report.result.clusters.count) clusters")
        output.line("  held for review: \(report.result.reviews.count) pairs")
        output.line("  precision:       \(Self.figure(m.precision))")
        output.line("  recall:          \(Self.figure(m.recall))")
        output.line("  F1:              \(Self.figure(m.f1))")
        output.line("  threshold:       \(threshold)")
        output.line("  time:            \(String(format: "%.2f", seconds)) s")
        if report.truthOutOfRange > 0 {
            output.line("  warning: \(report.truthOutOfRange) truth rows name records beyond the file's \(report.records); check the truth file matches FILE")
        }
        for problem in report.unmapped { Output.diagnostic(problem.description) }
        for issue in report.readIssues.prefix(20) { Output.diagnostic(issue.description) }
        if report.unmappedCount > report.unmapped.count {
            Output.diagnostic("… and \(report.unmappedCount - report.unmapped.count) more records not mapped")
        }
    }

    static func figure(_ value: Double) -> String { String(format: "%.4f", value) }
}
