import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit case-types list|get|create|update|delete`.
struct CaseTypesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case-types", abstract: "Case types: each case's form and status workflow.",
        subcommands: [List.self, Get.self, Create.self, Update.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the case types.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let types = try await client.caseTypes.list()
                printList(
                    types.map(\.json),
                    columns: [Column("ID", "id"), Column("LABEL", "label"), Column("FIELDS", "form")],
                    empty: "No case types.", output: output)
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a case type.")
        @Argument(help: "The case type id.") var id: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in output.record(try await client.caseTypes.get(.init(id)).json) }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a case type from JSON ({label, form?, workflow?}).")
        @OptionGroup var body: DataOption
        @OptionGroup var confirmation: ConfirmationOption
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let caseType = CaseType(fields: try JSONInput.object(body.data))
                output.record(try await client.caseTypes.create(caseType).json)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Replace the members given (label, form, workflow).")
        @Argument(help: "The case type id.") var id: String
        @OptionGroup var body: DataOption
        @OptionGroup var confirmation: ConfirmationOption
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let patch = CaseType(fields: try JSONInput.object(body.data))
                output.record(try await client.caseTypes.update(.init(id), patch).json)
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a case type no case uses.")
        @Argument(help: "The case type id.") var id: String
        @OptionGroup var confirmation: ConfirmationOption
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                guard try confirmation.confirm("Delete case type \(id)?", output: output) else { return }
                try await client.caseTypes.delete(.init(id))
                output.done("Deleted case type \(id).", json: ["deleted": .string(id)])
            }
        }
    }
}
