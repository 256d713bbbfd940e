import ArgumentParser
import CRMSchema

/// `crmkit schema pull`: write the live configuration into the directory.
struct SchemaPullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Write the CRM's forms, tags and case types into the schema directory.")

    @OptionGroup var directory: SchemaDirectoryOption
    @OptionGroup var connection: SchemaConnectionOptions

    func run() async throws {
        do {
            let engine = SchemaEngine(remote: try await connection.remote(), directory: SchemaDirectory(path: directory.dir))
            let written = try await engine.pull()
            if connection.json {
                try SchemaOutput.printJSON(["written": written])
            } else if written.isEmpty {
                print("No changes: \(directory.dir) already matches the CRM.")
            } else {
                written.forEach { print("wrote \(directory.dir)/\($0)") }
            }
        } catch {
            SchemaOutput.printError(error)
            throw ExitCode.failure
        }
    }
}
