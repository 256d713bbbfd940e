import ArgumentParser
import CRMClient

/// `contacts merge ID --source ID,ID` and the same for organizations.
struct MergeRecords<Resource: RecordResource>: AsyncParsableCommand where Resource.Record: MergeableRecord {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "merge",
            abstract:
                "Merge \(Resource.plural) into one: the target keeps its values, the sources fill gaps and are deleted."
        )
    }

    @Argument(help: "The id of the \(Resource.singular) that remains.")
    var id: String

    @Option(help: ArgumentHelp("The ids merged into it, comma-separated.", valueName: "ID,ID"))
    var source: String

    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard let sources = commaList(source) else { throw ValidationError("--source needs at least one id.") }
        if sources.contains(id) { throw ValidationError("--source cannot contain the target \(id).") }
    }

    func run() async throws {
        try await connection.run { client, output in
            let question = "Merge \(Resource.plural) \(source) into \(id)? The merged ones are deleted."
            guard try confirmation.confirm(question, output: output) else { return }
            let merged = try await client.records(Resource.Record.self).merge(
                into: .init(id), sources: (commaList(source) ?? []).map { .init($0) })
            output.record(merged.json)
        }
    }
}
