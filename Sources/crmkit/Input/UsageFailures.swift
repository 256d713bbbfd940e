import ArgumentParser
import CRMDedupe
import CRMImport
import CRMSync
import Foundation

/// Runs `body`, turning the errors that mean "an input file is wrong" (mapping, truth, source
/// file, plan or run directory) into their one-line diagnostic on stderr and exit code 64, the
/// usage-error code of the CLI contract. Other errors pass through unchanged.
func exitingOnInputErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw usageFailure(error) }
}

func exitingOnInputErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw usageFailure(error) }
}

private func usageFailure(_ error: any Error) -> any Error {
    switch error {
    case let error as MappingError: Output.diagnostic(error.description)
    case let error as SourceReadError: Output.diagnostic(error.description)
    case let error as DedupeError: Output.diagnostic(error.description)
    case let error as RunError: Output.diagnostic("error: \(error)")
    default: return error
    }
    return ExitCode(64)
}

/// A run directory and its plan, for the `runs` commands.
func openRun(root: URL, name: String) throws -> (ImportRunDirectory, ImportPlan) {
    try exitingOnInputErrors {
        let directory = try ImportRunDirectory.existing(root: root, name: name)
        return (directory, try directory.loadPlan())
    }
}

/// Refuses to continue, roll back or apply a plan against another CRM than the one it was made
/// for: a run's ids mean nothing elsewhere, and a rollback there would delete strangers' records.
func requireSameCRM(_ plan: ImportPlan, _ connection: Connection) throws {
    guard let crm = plan.crm, crm != connection.identity else { return }
    Output.diagnostic("error: this plan was made against \(crm), but crmkit is connected to \(connection.identity); "
                      + "connect to that CRM (--base-url, --sandbox or a profile) and run the command again")
    throw ExitCode(64)
}
