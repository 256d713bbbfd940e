import ArgumentParser
import CRMImport
import CRMModel
import CRMSync
import Foundation

/// `crmkit mapping preview FILE --mapping M`: the first records of an export beside what the
/// mapping makes of them, with every warning, dropped value and rejection on its record.
struct MappingPreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show the first records of an export beside the CRM fields a mapping makes of them.",
        discussion: """
            Each record is printed as the file holds it (its non-blank fields), then the fields, \
            extras, references and match keys the mapping makes, checked against the CRM's live \
            forms, with every value the reader altered or the mapping dropped and every reason it \
            would be rejected. Nothing is written. Exit codes: 0 done (whatever the records hold); \
            64 the mapping file or the options are wrong; 1 the CRM could not be reached.
            """)

    @Argument(help: "The export to preview (CSV, vCard or XML).")
    var file: String

    @Option(help: ArgumentHelp("The mapping file (YAML).", valueName: "MAPPING.yaml"))
    var mapping: String

    @Option(help: "How many records to show.")
    var rows = 5

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if rows < 1 { throw ValidationError("--rows must be at least 1, not \(rows)") }
    }

    func run() async throws {
        let mapping = try exitingOnInputErrors {
            try MappingParser.load(path: self.mapping, checkingColumnsOf: self.file)
        }
        let file = self.file, rows = self.rows
        try await connection.run { client, output in
            let snapshot = try await SchemaSnapshot.fetch(for: mapping, from: ClientSchemaSource(client: client))
            let preview = try exitingOnInputErrors {
                try MappingPreview.make(path: file, mapping: mapping, snapshot: snapshot, rows: rows)
            }
            MappingPreviewPrinter(output: output).print(preview)
        }
    }
}
