import ArgumentParser
import CRMModel
import CRMSchema
import CRMSync
import Foundation

/// `crmkit copy --from PROFILE --to PROFILE [ENTITY…|all]`: a CRM-to-CRM migration, planned
/// against what the target holds, confirmed, then applied as an import run.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract:
            "Copy records, forms, tags and case types from one CRM to "
            + "another (staging → production): plan, confirm, apply.",
        discussion: """
            PROFILEs are those of ~/.config/crmkit/config.yaml (a remote CRM or a sandbox file); \
            the CRM_* variables are not used here, so each side is exactly its profile. The source \
            is downloaded, its forms, tags and case types are added to the target's (nothing is \
            deleted), and each record is looked for in the target as an import looks for a row's \
            record: found and equal, skipped; found, completed (never clearing a value); not \
            found, created, with every link remapped. Copying again plans nothing. Contacts bring \
            their organizations; leads, opportunities and cases their contacts and organizations. \
            The run (journal, results, id-map.csv) is kept in --journal: `crmkit runs resume RUN` \
            continues it, `crmkit runs rollback RUN` undoes it. Exit status: 0 copied or nothing \
            to do, 1 a failure, 65 records left alone as conflicts or copied without some value, \
            64 no terminal to confirm on without --yes.
            """)

    @Option(help: ArgumentHelp("The profile to copy from.", valueName: "PROFILE"))
    var from: String

    @Option(help: ArgumentHelp("The profile to copy into.", valueName: "PROFILE"))
    var to: String

    @Argument(
        help: ArgumentHelp(
            "organizations, contacts, leads, opportunities, cases, or all (default).", valueName: "ENTITY|all"))
    var entity: [String] = []

    @Option(
        name: .customLong("plan-out"),
        help: ArgumentHelp("Write the records' plan to this file.", valueName: "plan.json"))
    var planOut: String?

    @Flag(name: .customLong("dry-run"), help: "Plan and show, never write to the target.")
    var dryRun = false

    @OptionGroup var apply: ImportApplyOptions
    @OptionGroup var confirmation: ConfirmationOption

    @Flag(help: "Machine output: one JSON document.")
    var json = false

    @Flag(help: "One line per HTTP request on stderr (method, path, status, ms); the key is never shown.")
    var verbose = false

    var entities: [EntityKind] {
        get throws {
            if entity.isEmpty || entity.map({ $0.lowercased() }) == ["all"] { return EntityKind.exportOrder }
            return try entity.map { name in
                guard let kind = EntityKind(plural: name.lowercased()) else {
                    throw ValidationError(
                        "'\(name)' is not an entity; use organizations, contacts, leads, opportunities, cases or all.")
                }
                return kind
            }
        }
    }

    func validate() throws {
        _ = try entities
        if from == to { throw ValidationError("--from and --to name the same profile; a copy needs two CRMs.") }
    }

    func run() async throws {
        let source = try await open(from)
        let target: Connection
        do {
            target = try await open(to)
        } catch {
            await source.close()
            throw FailureReport.reported(error)
        }
        var exit: ExitStatus?
        do {
            exit = try await perform(source: source, target: target)
        } catch {
            await target.close()
            await source.close()
            throw FailureReport.reported(error)
        }
        await target.close()
        await source.close()
        if let exit { throw exit }
    }

    private func perform(source: Connection, target: Connection) async throws -> ExitStatus? {
        let output = target.output
        var copy = Copy(
            source: source.client, sourceIdentity: source.identity, target: target.client,
            targetIdentity: target.identity,
            runsRoot: apply.root)
        copy.entities = try entities
        copy.concurrency = apply.concurrency
        let download = ExportProgressPrinter()
        let plan = try await copy.plan { entity, count, total in download.update(entity, count, total) }
        download.finish()
        let printer = PlanSummaryPrinter(output: output)
        if !output.json {
            if plan.schema.hasChanges {
                output.line(String(PlanRenderer(color: output.color).render(plan.schema).dropLast()))
            }
            printer.print(plan.records, rows: plan.records.steps.filter { $0.source != nil }.count)
        }
        if let planOut {
            try PlanFile.write(plan.records, to: URL(fileURLWithPath: planOut))
            Output.diagnostic("plan written to \(planOut)")
        }
        let planJSON = printer.json(plan.records, rows: plan.records.steps.count)
        if plan.isNoOp || dryRun {
            plan.discard()
            if output.json {
                output.document(
                    CopyPlanJSON(
                        plan: planJSON, schema: plan.schema.changes.map { "\($0.action.symbol) \($0.address)" }))
            } else if plan.isNoOp {
                output.line(
                    "Nothing to copy: \(target.identity) holds every record and the schema of \(source.identity).")
            }
            return plan.records.conflicts.isEmpty ? nil : .dataError
        }
        if !confirmation.yes {
            let advice = "review the plan with --dry-run or --plan-out, then re-run with --yes"
            guard
                try Confirmation.ask(
                    "Copy from \(source.identity) into \(target.identity)?", output: output, otherwise: advice)
            else {
                plan.discard()
                return nil
            }
        }
        let reporter = ApplyProgressReporter()
        let outcome: Copy.Outcome
        do {
            outcome = try await copy.apply(plan) { reporter.update($0) }
        } catch {
            reporter.finish()
            Output.diagnostic("error: the copy stopped: \(error)")
            Output.diagnostic(
                "  everything done so far is journaled; continue with `crmkit runs resume \(plan.run.name)`")
            throw ExitStatus.failure
        }
        reporter.finish()
        let runner = ApplyRunner(output: output, concurrency: apply.concurrency, ledger: KeyLedger(root: apply.root))
        if output.json {
            runner.document(plan: planJSON, summary: outcome.summary, run: outcome.run)
        } else {
            if !outcome.schemaChanges.isEmpty { output.line("Schema: \(outcome.schemaChanges.count) changes applied.") }
            runner.report(outcome.summary, run: outcome.run)
            output.line("  ids: \(outcome.idMap.path)")
        }
        if let code = ApplyRunner.exitCode(outcome.summary) { return code }
        return (outcome.plan.altered ?? []).isEmpty ? nil : .dataError
    }

    /// A connection to exactly the profile: flags and CRM_* variables do not apply.
    private func open(_ profile: String) async throws -> Connection {
        var arguments = ["--profile", profile]
        if json { arguments.append("--json") }
        if verbose { arguments.append("--verbose") }
        let options = try ConnectionOptions.parse(arguments)
        let ignored: Set<String> = [
            "CRM_BASE_URL", "CRM_API_KEY", "CRM_API_KEY_SECONDARY", "CRMKIT_SANDBOX", "CRMKIT_PROFILE",
        ]
        do {
            return try await Connection.open(
                options, environment: ProcessInfo.processInfo.environment.filter { !ignored.contains($0.key) })
        } catch {
            throw FailureReport.reported(error)
        }
    }
}

/// `crmkit copy --json` when nothing is applied (`--dry-run`, or nothing to copy).
struct CopyPlanJSON: Encodable {
    var plan: PlanJSON
    /// Schema changes the copy would make, one line each.
    var schema: [String]
}
