import CRMImport
import CRMModel
import Foundation

/// Prints a validation report: a summary and the first problems for people, the whole report
/// as one JSON document with `--json`.
struct ValidationReportPrinter {
    let output: Output
    let file: String
    let mapping: Mapping
    let errorsOut: String?

    func print(_ report: ValidationReport) {
        if output.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let data = try? encoder.encode(report) { output.line(String(decoding: data, as: UTF8.self)) }
            return
        }
        output.line(output.bold("\(file): \(report.recordsRead) records read as \(mapping.entity.plural) with \(mapping.file)"))
        output.line("  valid:    \(report.valid)")
        output.line("  rejected: \(report.rejected)")
        for (reason, count) in report.rejectedByReason.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
            output.line("    \(reason): \(count)")
        }
        let readErrors = report.readIssues.filter { $0.severity == .error }
        if !report.readIssues.isEmpty {
            output.line("  read problems: \(report.readIssues.count) (\(readErrors.count) rows skipped)")
            for issue in report.readIssues.prefix(5) { output.line("    \(issue)") }
        }
        if !report.problems.isEmpty {
            output.line("first problems:")
            for problem in report.problems { output.line("  \(problem)") }
            if report.problemCount > report.problems.count {
                output.line("  … and \(report.problemCount - report.problems.count) more (use --json for all, --errors-out for the rows)")
            }
        }
        if let errorsOut, report.rejected > 0 {
            output.line("errors file: \(errorsOut) (\(report.rejected) rows; fix them and validate the file again with the same mapping)")
        }
    }
}
