import ArgumentParser
import CRMSchema

/// `crmkit schema pull`: write the live configuration into the directory.
struct SchemaPullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Write the CRM's forms, tags and case types into the schema directory.")

    @OptionGroup var directory: SchemaDirectoryOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            let engine = SchemaEngine(
                remote: ClientSchemaRemote(client: client), directory: SchemaDirectory(path: directory.dir))
            let written = try await engine.pull()
            if output.json {
                try SchemaOutput.printJSON(["written": written], to: output)
            } else if written.isEmpty {
                output.line("No changes: \(directory.dir) already matches the CRM.")
            } else {
                written.forEach { output.line("wrote \(directory.dir)/\($0)") }
            }
        }
    }
}
