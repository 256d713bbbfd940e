import ArgumentParser
import Foundation

/// Asking before a command changes the CRM. Without a terminal there is nobody to ask, so the
/// command stops (exit 64) and says how to review first and how to go ahead.
enum Confirmation {
    /// True when the user typed `yes`; throws exit 64 when there is no terminal.
    static func ask(_ question: String, output: Output, otherwise advice: String) throws -> Bool {
        guard isatty(STDIN_FILENO) == 1 else {
            Output.diagnostic("error: no terminal to confirm on; \(advice)")
            throw ExitCode(64)
        }
        output.line("\(question) Type 'yes' to continue:")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            output.line("Cancelled; nothing was changed.")
            return false
        }
        return true
    }
}
