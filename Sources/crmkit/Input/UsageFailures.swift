import ArgumentParser
import CRMModel
import CRMSync
import Foundation

/// Runs `body`, reporting an error at once (`FailureReport`: a wrong mapping, truth, source
/// file, plan or run directory is exit 64), before anything else is printed or started.
func exitingOnInputErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw FailureReport.reported(error) }
}

func exitingOnInputErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw FailureReport.reported(error) }
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
    Output.diagnostic(
        Diagnostic(
            "this plan was made against \(crm), but crmkit is connected to \(connection.identity)",
            hint: "connect to that CRM (--base-url, --sandbox or a profile) and run the command again"
        ).description)
    throw ExitStatus.usage
}
