import ArgumentParser
import CRMImport
import CRMModel
import CRMSync
import Foundation

/// `crmkit validate FILE --mapping M`: reads, maps and checks every record against the CRM's
/// live forms without writing anything; rejected rows go to the errors file.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every record of an export against the CRM's live forms, through a mapping file.",
        discussion: """
            Nothing is written to the CRM. The run ends with an account of every record and value: \
            records read and rejected, and values the reader altered or the mapping dropped, each \
            with its line and field (all of them in the errors file). Exit codes: 0 all records \
            valid and nothing altered or dropped (or accepted with --accept-lossy); 65 some records \
            were rejected, values were altered or dropped, or no record was read; 64 the mapping \
            file or the options are wrong; 1 the CRM could not be reached. See docs/mapping.md.
            """)

    @Argument(help: "The export to check (CSV, vCard or XML).")
    var file: String

    @Option(help: ArgumentHelp("The mapping file (YAML).", valueName: "MAPPING.yaml"))
    var mapping: String

    @Option(
        name: .customLong("errors-out"),
        help: ArgumentHelp("Write rejected rows and their reasons to this CSV file.", valueName: "errors.csv"))
    var errorsOut: String?

    @Option(name: .customLong("show"), help: "How many problems to print (with --json: all are listed).")
    var show = 20

    @Option(help: "Threads that read, map and validate records (default: one per core, at most 8).")
    var threads: Int?

    @Flag(
        name: .customLong("accept-lossy"),
        help:
            """
            Values the reader altered or the mapping dropped are reported but do \
            not fail the run (as `acceptLossy: true` under the mapping's defaults).
            """
    )
    var acceptLossy = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
    }

    func run() async throws {
        let mapping = try exitingOnInputErrors {
            try MappingParser.load(path: self.mapping, checkingColumnsOf: self.file)
        }
        let json = connection.json
        let limit = json ? nil : show
        let file = self.file
        let errorsOut = self.errorsOut
        let accepted = acceptLossy || mapping.defaults.acceptLossy
        var fails = false
        try await connection.run { client, output in
            let snapshot = try await SchemaSnapshot.fetch(for: mapping, from: ClientSchemaSource(client: client))
            let rejects = try errorsOut.map { try RejectsFile(path: $0) }
            let threads = self.threads
            let report = try exitingOnInputErrors {
                var run = try ValidationRun(mapping: mapping, snapshot: snapshot, problemLimit: limit, rejects: rejects)
                if let threads { run.threads = threads }
                return try run.run(path: file)
            }
            try rejects?.close()
            fails = report.account.fails(accepted: accepted)
            ValidationReportPrinter(
                output: output, file: file, mapping: mapping, errorsOut: errorsOut, acceptLossy: accepted
            ).print(report)
        }
        if fails { throw ExitStatus.dataError }
    }
}
