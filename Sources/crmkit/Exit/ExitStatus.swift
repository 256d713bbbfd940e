import ArgumentParser

/// The exit statuses of every crmkit command (docs/guide.md, "Exit status"). Nothing else picks
/// a number: commands throw an error (mapped by `FailureReport`) or one of these.
///
/// Thrown as an error, an `ExitStatus` means "the reason was already printed; exit with this".
enum ExitStatus: Int32, Error, CaseIterable, Sendable {
    /// Everything asked was done.
    case ok = 0
    /// The command failed: the CRM refused or could not be reached (or is not the CRM), a step
    /// failed, a saved plan no longer fits the CRM, a file could not be read.
    case failure = 1
    /// `plan --detailed-exitcode`: the plan has changes.
    case changesPresent = 2
    /// The command line or a configuration file is wrong: an unknown flag, a missing value, a
    /// mapping, schema file or profile that cannot be used, a missing `--yes` without a terminal.
    /// Nothing was changed.
    case usage = 64
    /// Some input records were rejected (each named on stderr or in the errors file); the rest
    /// were done.
    case dataError = 65

    /// What the status means, for `--help` texts and docs.
    var meaning: String {
        switch self {
        case .ok: return "success"
        case .failure: return "failure (a request, a step or a check failed)"
        case .changesPresent: return "changes present (schema plan --detailed-exitcode)"
        case .usage: return "usage or configuration error; nothing was changed"
        case .dataError: return "some input records were rejected; the rest were done"
        }
    }

    /// The same status as argument-parser's type, for the places that hand it over.
    var exitCode: ExitCode { ExitCode(rawValue) }
}
