import ArgumentParser
import CRMClient
import CRMImport
import CRMModel
import CRMSync
import Foundation

/// `crmkit import FILE --mapping M`: reads, maps and validates every record, plans the changes
/// against what the CRM holds (create / update / merge / skip), shows the plan and asks, then
/// applies it concurrently with a journal that makes it resumable and reversible.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an export (CSV, vCard, XML) into the CRM through a mapping file: plan, confirm, apply.",
        discussion: """
            Rows are matched to existing records by the mapping's matchKeys; for contacts and \
            organizations a key only finds candidates, and the evidence of every other field decides \
            whether the row is that record. Only differing fields are updated, records a row shows \
            to be one person are merged, and repeated rows are written once. A row that matches a \
            record by key while its other fields say it is someone else is a conflict: left alone \
            and listed (the run's conflicts.csv) unless --on-conflict says otherwise. Each run is \
            journaled in .crmkit/runs/RUN/ (see `crmkit runs`). The plan ends with an account of \
            values the reader altered or the mapping dropped; unless they are accepted \
            (--accept-lossy), nothing is applied. \
            Exit codes: 0 done; 65 some rows were rejected (see the run's errors.csv) or left alone \
            as conflicts (conflicts.csv), values were altered or dropped, or no record was read; 1 \
            some steps failed or the run stopped; 64 the mapping or the options are wrong. See \
            docs/guide.md. Into a CRM holding data you care about, take a `crmkit backup` first \
            (docs/export.md).
            """)

    @Argument(help: "The export to import (CSV, vCard or XML).")
    var file: String

    @Option(help: ArgumentHelp("The mapping file (YAML).", valueName: "MAPPING.yaml"))
    var mapping: String

    @Option(
        name: .customLong("plan-out"),
        help: ArgumentHelp("Write the plan to this file (apply it later with `crmkit apply`).", valueName: "plan.json"))
    var planOut: String?

    @Flag(name: .customLong("dry-run"), help: "Plan and show, never write to the CRM.")
    var dryRun = false

    @OptionGroup var confirmation: ConfirmationOption

    @Flag(
        name: .customLong("accept-lossy"),
        help:
            """
            Import even when the reader altered or the mapping dropped values \
            (they are listed; as `acceptLossy: true` under the mapping's defaults).
            """
    )
    var acceptLossy = false

    @Option(
        name: .customLong("on-conflict"),
        help: ArgumentHelp(
            "Rows whose evidence conflicts with the record they match by key: skip (list them, write nothing), "
                + "create a new record, or update the matched one. Default: the mapping's onConflict, else skip.",
            valueName: "skip|create|update"))
    var onConflict: ConflictPolicy?

    @OptionGroup var apply: ImportApplyOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let mapping = try exitingOnInputErrors {
            try MappingParser.load(path: self.mapping, checkingColumnsOf: self.file)
        }
        var exit: ExitStatus?
        let ledger = KeyLedger(root: apply.root)
        try await connection.runConnected { connection in
            let (client, output) = (connection.client, connection.output)
            var account = LossAccount()
            let plan = try await exitingOnInputErrors {
                var preparation = ImportPreparation(file: file, mapping: mapping, mappingPath: self.mapping)
                preparation.onConflict = onConflict
                return try await preparation.plan(
                    client: client, crm: connection.identity, ledger: ledger, account: &account)
            }
            let printer = PlanSummaryPrinter(output: output)
            let rows = account.recordsRead + plan.rejected.filter { $0.source.fields?.isEmpty == true }.count
            printer.print(plan, rows: rows)
            let accepted = acceptLossy || mapping.defaults.acceptLossy
            account.print(for: plan, accepted: accepted, json: output.json)
            if account.blocksImport(accepted: accepted) {
                exit = .dataError
                return
            }
            let runner = ApplyRunner(output: output, concurrency: apply.concurrency, ledger: ledger)
            if let planOut {
                try exitingOnInputErrors { try PlanFile.write(plan, to: URL(fileURLWithPath: planOut)) }
                Output.diagnostic("plan written to \(planOut); apply it with `crmkit apply \(planOut)`")
            }
            if dryRun {
                if output.json { runner.document(plan: printer.json(plan, rows: rows), summary: nil, run: nil) }
                if !plan.rejected.isEmpty || !plan.conflicts.isEmpty { exit = .dataError }
                return
            }
            if !plan.isNoOp {
                let advice = "review the plan with --dry-run or --plan-out, then re-run with --yes"
                guard try confirmation.confirm("Apply this plan?", output: output, otherwise: advice) else { return }
            }
            let run = try ImportRunDirectory.create(root: apply.root)
            try run.savePlan(plan)
            let summary = try await runner.apply(plan, run: run, client: client)
            if output.json { runner.document(plan: printer.json(plan, rows: rows), summary: summary, run: run) }
            exit = ApplyRunner.exitCode(summary)
        }
        if let exit { throw exit }
    }
}

extension ConflictPolicy: ExpressibleByArgument {}
