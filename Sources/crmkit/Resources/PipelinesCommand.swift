import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit pipelines list|get`: the opportunity pipelines (read-only).
struct PipelinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipelines", abstract: "Opportunity pipelines and their stages (read-only).",
        subcommands: [List.self, Get.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the pipelines.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let pipelines = try await client.pipelines.list()
                printList(
                    pipelines.map(\.json),
                    columns: [
                        Column("ID", "id"), Column("NAME", "name"), Column("DEFAULT", "isDefault"),
                        Column("STAGES", "stages"),
                    ],
                    empty: "No pipelines.", output: output)
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a pipeline and its stages.")
        @Argument(help: "The pipeline id.") var id: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let pipeline = try await client.pipelines.get(.init(id))
                if output.json { return output.document(pipeline.json) }
                output.line("\(pipeline.name ?? id) (\(id))")
                printList(
                    (pipeline.stages ?? []).map(\.json),
                    columns: [
                        Column("ORDER", "order"), Column("STAGE ID", "id"), Column("LABEL", "label"),
                        Column("PROBABILITY", "probability"),
                    ],
                    empty: "No stages.", output: output)
            }
        }
    }
}
