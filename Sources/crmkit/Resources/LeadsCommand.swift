import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit leads list|get|create|update|delete|archive|unarchive|convert`.
struct LeadsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads", abstract: "Leads of the sales pipeline, before they become opportunities.",
        subcommands: recordCommands(LeadsResource.self) + [ArchiveLead.self, UnarchiveLead.self, ConvertLead.self])
}

enum LeadsResource: RecordResource {
    typealias Record = Lead
    static let columns = [
        Column("ID", "id"), Column("TITLE", "title"), Column("VALUE", "value"), Column("RATING", "leadRating"),
        Column("ARCHIVED", "isArchived"), Column("CONVERTED", "isConverted"), Column("TAGS", "tags"),
    ]

    struct Filters: FilterOptions {
        @Option(help: "Title contains (case-insensitive).") var title: String?
        @OptionGroup var links: LinkFilterOptions
        @Option(help: ArgumentHelp("Only archived (true) or not archived (false) leads.", valueName: "BOOL"))
        var archived: Bool?
        @Option(help: ArgumentHelp("Only converted (true) or unconverted (false) leads.", valueName: "BOOL"))
        var converted: Bool?

        var filter: LeadFilter {
            LeadFilter(
                title: title, contactIds: links.contactIds,
                organizationIds: links.organizationIds, tags: links.tagList,
                isArchived: archived, isConverted: converted)
        }
    }
}

struct ArchiveLead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "archive", abstract: "Archive a lead.")
    @OptionGroup var record: RecordIDArgument
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            output.record(try await client.leads.archive(.init(record.id)).json)
        }
    }
}

struct UnarchiveLead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unarchive", abstract: "Unarchive a lead.")
    @OptionGroup var record: RecordIDArgument
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            output.record(try await client.leads.unarchive(.init(record.id)).json)
        }
    }
}

struct ConvertLead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert a lead into an opportunity; prints the opportunity.")
    @OptionGroup var record: RecordIDArgument
    @Option(help: "The opportunity's pipeline (default: the default pipeline).") var pipeline: String?
    @Option(help: "The opportunity's stage, by id or label (default: the first).") var stage: String?
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            let conversion =
                pipeline == nil && stage == nil
                ? nil : LeadConversion(pipelineId: pipeline.map { .init($0) }, stage: stage.map { .init($0) })
            output.record(try await client.leads.convert(.init(record.id), conversion).json)
        }
    }
}
