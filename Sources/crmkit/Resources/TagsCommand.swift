import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit tags list|create|update|delete ENTITY …`.
struct TagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags", abstract: "The tags of leads, opportunities, contacts, organizations or cases.",
        subcommands: [List.self, Create.self, Update.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an entity's tags.")
        @Argument(help: "leads, opportunities, contacts, organizations or cases.") var entity: EntityKind
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let tags = try await client.tags(for: entity).list()
                printList(
                    tags.map(\.json),
                    columns: [Column("ID", "id"), Column("LABEL", "label"), Column("COLOR", "color")],
                    empty: "No \(entity.plural) tags.", output: output)
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a tag.")
        @Argument(help: "leads, opportunities, contacts, organizations or cases.") var entity: EntityKind
        @Option(help: "The tag's label (unique per entity).") var label: String
        @Option(help: "A colour such as #ff0000.") var color: String?
        @OptionGroup var confirmation: ConfirmationOption
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                output.record(try await client.tags(for: entity).create(label: label, color: color).json)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Rename or recolour a tag (records carrying it follow).")
        @Argument(help: "leads, opportunities, contacts, organizations or cases.") var entity: EntityKind
        @Argument(help: "The tag id.") var id: String
        @Option(help: "The new label.") var label: String?
        @Option(help: "The new colour.") var color: String?
        @OptionGroup var confirmation: ConfirmationOption
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            if label == nil && color == nil { throw ValidationError("Give --label, --color or both.") }
        }

        func run() async throws {
            try await connection.run { client, output in
                var tag = TagOption()
                tag.label = label
                tag.color = color
                output.record(try await client.tags(for: entity).update(.init(id), tag).json)
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a tag and remove it from every record.")
        @Argument(help: "leads, opportunities, contacts, organizations or cases.") var entity: EntityKind
        @Argument(help: "The tag id.") var id: String
        @OptionGroup var confirmation: ConfirmationOption
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let question = "Delete \(entity.plural) tag \(id)? It is removed from every record that carries it."
                guard try confirmation.confirm(question, output: output) else { return }
                try await client.tags(for: entity).delete(.init(id))
                output.done("Deleted \(entity.plural) tag \(id).", json: ["deleted": .string(id)])
            }
        }
    }
}
