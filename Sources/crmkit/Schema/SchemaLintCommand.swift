import ArgumentParser
import CRMSchema

/// `crmkit schema lint`: offline checks, printed as `file:line:column: error: message`.
struct SchemaLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", abstract: "Check the schema files offline; exit 64 if there is an error.")

    @OptionGroup var directory: SchemaDirectoryOption

    @Flag(name: .long, help: "Print the findings as JSON.")
    var json = false

    func run() throws {
        let output = Output(json: json)
        let diagnostics = SchemaLinter.lint(SchemaDirectory(path: directory.dir).load())
        if json {
            try SchemaOutput.printJSON(diagnostics.map(\.diagnostic), to: output)
        } else {
            diagnostics.forEach { output.line($0.description) }
        }
        if !SchemaLinter.errors(diagnostics).isEmpty { throw ExitStatus.usage }
    }
}
