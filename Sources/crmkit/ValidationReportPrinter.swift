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
    /// Altered and dropped values were accepted (`--accept-lossy` or the mapping's defaults).
    var acceptLossy = false

    func print(_ report: ValidationReport) {
        if output.json {
            output.line(json(report))
            return
        }
        output.line(
            output.bold("\(file): \(report.recordsRead) records read as \(mapping.entity.plural) with \(mapping.file)"))
        output.line("  valid:    \(report.valid)")
        output.line("  rejected: \(report.rejected)")
        for (reason, count) in report.rejectedByReason.sorted(by: {
            $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key)
        }) {
            output.line("    \(reason): \(count)")
        }
        for note in report.notes { output.line("  \(note)") }
        let readErrors = report.readIssues.filter { $0.severity == .error }
        if !report.readIssues.isEmpty {
            output.line("  read problems: \(report.readIssues.count) (\(readErrors.count) rows skipped)")
            for issue in report.readIssues.prefix(5) { output.line("    \(issue)") }
        }
        if !report.problems.isEmpty {
            output.line("first problems:")
            for problem in report.problems { output.line("  \(problem)") }
            if report.problemCount > report.problems.count {
                output.line(
                    "  … and \(report.problemCount - report.problems.count) "
                        + "more (use --json for all, --errors-out for the rows)"
                )
            }
        }
        if let errorsOut, report.rejected > 0 {
            output.line(
                "errors file: \(errorsOut) (\(report.rejected) rows; fix them "
                    + "and validate the file again with the same mapping)"
            )
        }
        for line in report.account.summary(accepted: acceptLossy) { output.line(line) }
    }

    /// The report as one JSON document, with its `account` (see `LossAccount`) and whether
    /// altered or dropped values were `accepted`.
    func json(_ report: ValidationReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(report),
            var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else {
            return "{}"
        }
        var account = report.account
        account.listed = []
        if let accountData = try? encoder.encode(account),
            let accountObject = try? JSONSerialization.jsonObject(with: accountData)
        {
            object["account"] = accountObject
        }
        object["accepted"] = acceptLossy
        guard let out = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: out, as: UTF8.self)
    }
}
