import ArgumentParser
import CRMModel
import CRMSync
import Foundation

/// `crmkit restore DIR`: a backup recreated in a CRM, journaled and resumable like an import.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract:
            "Recreate a backup (crmkit backup) in an empty CRM: schema, "
            + "then every record with new ids and links remapped.",
        discussion: """
            Checks the backup against its manifest first (SHA-256 and counts) and refuses an \
            altered one. Forms, tags and case types are recreated as `crmkit schema apply` does; \
            pipelines must exist on the target by name. Records are created organizations first, \
            then contacts, leads and opportunities, cases, as a journaled run in --journal: if it \
            stops, run the same command again (it continues the same run), or `crmkit runs resume \
            RUN`; `crmkit runs rollback RUN` deletes what it created. The run's id-map.csv gives \
            each record's old and new id. Exit status: 0 restored, 1 refused or stopped, 65 \
            restored with values the target could not take (listed in the run's errors.csv), 64 \
            no terminal to confirm on without --yes.
            """)

    @Argument(help: ArgumentHelp("The backup directory (with manifest.json).", valueName: "DIR"))
    var directory: String

    @Flag(
        help:
            """
            Restore into a CRM that already holds records: the backup's are \
            added beside them, and no tag, field or case type is deleted.
            """
    )
    var intoNonempty = false

    @OptionGroup var apply: ImportApplyOptions
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let url = URL(fileURLWithPath: directory)
        var exit: ExitStatus?
        try await connection.runConnected { connection in
            let output = connection.output
            let manifest = try BackupManifest.load(url)
            let counts = EntityKind.exportOrder.map { "\(manifest.counts[$0.plural] ?? 0) \($0.plural)" }.joined(
                separator: ", ")
            let question =
                "Restore \(counts) and the schema of \(manifest.crm) "
                + "(\(manifest.createdAt)) into \(connection.identity)?"
            guard try confirmation.confirm(question, output: output) else { return }
            var restore = Restore(client: connection.client, identity: connection.identity, runsRoot: apply.root)
            restore.intoNonEmpty = intoNonempty
            restore.concurrency = apply.concurrency
            let reporter = ApplyProgressReporter()
            let outcome: Restore.Outcome
            do {
                outcome = try await restore.restore(from: url) { reporter.update($0) }
            } catch let error as RestoreError {
                throw error
            } catch {
                reporter.finish()
                Output.diagnostic("error: the restore stopped: \(error)")
                Output.diagnostic("  everything done so far is journaled; run the same command again to continue")
                throw ExitStatus.failure
            }
            reporter.finish()
            let run = outcome.run
            if output.json {
                output.document(
                    RestoreJSON(
                        run: run.name, status: outcome.summary.status, resumed: outcome.resumed,
                        steps: outcome.summary.steps,
                        done: outcome.summary.done, failed: outcome.summary.failed, altered: outcome.altered,
                        schema: outcome.schemaChanges, idMap: outcome.idMap.path))
            } else {
                if !outcome.schemaChanges.isEmpty {
                    output.line("Schema: \(outcome.schemaChanges.count) changes (\(run.url.path)/schema).")
                }
                output.line(
                    "\(outcome.resumed ? "Continued run" : "Run") \(run.name): "
                        + "\(outcome.summary.done) of \(outcome.summary.steps) records restored, "
                        + "\(outcome.summary.failed) failed (\(outcome.summary.status)).")
                output.line("  ids: \(outcome.idMap.path); results: \(run.successURL.path), \(run.errorsURL.path)")
                if outcome.altered > 0 {
                    output.line("  \(outcome.altered) records restored without some value (see errors.csv)")
                }
                if outcome.summary.status != "complete" { output.line("  continue with: crmkit restore \(directory)") }
            }
            if let code = ApplyRunner.exitCode(outcome.summary) {
                exit = code
            } else if outcome.altered > 0 {
                exit = .dataError
            }
        }
        if let exit { throw exit }
    }
}

/// `crmkit restore --json`.
struct RestoreJSON: Encodable {
    var run, status: String
    var resumed: Bool
    var steps, done, failed, altered: Int
    /// Schema changes applied, one line each.
    var schema: [String]
    var idMap: String
}
