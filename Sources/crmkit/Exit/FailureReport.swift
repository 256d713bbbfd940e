import ArgumentParser
import CRMClient
import CRMDedupe
import CRMImport
import CRMModel
import CRMSchema
import CRMSync

/// The one place that turns an error into the line the user reads on stderr and the exit status
/// the contract gives it (`ExitStatus`). Commands only throw; they neither print their errors nor
/// pick numbers.
enum FailureReport {
    /// Prints `error` once on stderr and answers its exit status. An `ExitStatus` was reported
    /// where it was thrown and passes through silently, so calling this twice prints once.
    static func report(_ error: any Error) -> ExitStatus {
        let (status, message) = classify(error)
        if let message { Output.diagnostic(message) }
        return status
    }

    /// `report`, except that argument-parser's own errors (usage text, `--help`) pass through
    /// unchanged for it to print: for the wrappers that catch errors on their way out.
    static func reported(_ error: any Error) -> any Error {
        isArgumentParserExit(error) ? error : report(error)
    }

    /// The status and the message of an error (nil: nothing more to print).
    static func classify(_ error: any Error) -> (ExitStatus, String?) {
        switch error {
        case let status as ExitStatus:
            return (status, nil)
        case let error as ConfigurationError:
            return (.usage, Diagnostic(error.message).description)
        case let error as InputError:
            return (.usage, error.description)
        case let error as CRMError:
            if case .invalidArgument = error { return (.usage, Diagnostic("\(error)").description) }
            return (.failure, Diagnostic("\(error)").description)
        // Files the user wrote or keeps (mapping, schema files, plans, truth, runs): configuration,
        // so 64. Their messages carry their own `file:line:column: error:` prefix.
        case let error as MappingError:
            return (.usage, error.description)
        case let error as SourceReadError:
            return (.usage, error.description)
        case let error as DedupeError:
            return (.usage, error.description)
        case let error as MergePlanError:
            return (.usage, error.description)
        case let error as RunError:
            return (.usage, Diagnostic("\(error)").description)
        case let error as SchemaError:
            return (status(of: error), error.description)
        case let error as any DiagnosticConvertible:
            return (.failure, error.description)
        default:
            return (.failure, Diagnostic("\(error)").description)
        }
    }

    /// Schema files, the state file and saved plans that cannot be used are configuration (64);
    /// a plan the CRM has moved under, drift and failed steps are failures (1).
    static func status(of error: SchemaError) -> ExitStatus {
        switch error {
        case .invalidFiles, .unreadableState, .unreadablePlan, .noSchemaFiles: return .usage
        case .planForOtherInstance, .stalePlan, .destroyNotAllowed, .conflicts, .remoteFailed: return .failure
        }
    }

    /// Errors argument-parser reports itself (usage text, `--help`, `--version`). Some of them
    /// are internal to it (`--help` is a command whose run throws one), so they are recognised by
    /// their module.
    static func isArgumentParserExit(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}
