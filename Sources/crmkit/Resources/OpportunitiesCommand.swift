import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit opportunities list|get|create|update|delete|set-status|set-stage`.
struct OpportunitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opportunities", abstract: "Deals moving through a pipeline until won or lost.",
        subcommands: recordCommands(OpportunitiesResource.self) + [SetOpportunityStatus.self, SetOpportunityStage.self])
}

enum OpportunitiesResource: RecordResource {
    typealias Record = Opportunity
    static let columns = [
        Column("ID", "id"), Column("TITLE", "title"), Column("VALUE", "value"), Column("STATUS", "status"),
        Column("STAGE", "stage"), Column("TAGS", "tags"),
    ]

    static func cellNames(_ client: CRMClient) -> (any CellNames)? { StageLabels(client: client) }

    struct Filters: FilterOptions {
        @Option(help: "Title contains (case-insensitive).") var title: String?
        @OptionGroup var links: LinkFilterOptions
        @Option(name: .customLong("owner-id"), help: "Owner's user id.") var ownerId: String?

        var filter: OpportunityFilter {
            OpportunityFilter(
                title: title, contactIds: links.contactIds,
                organizationIds: links.organizationIds, tags: links.tagList,
                ownerId: ownerId.map { .init($0) })
        }
    }
}

extension OpportunityStatus: ExpressibleByArgument {}

struct SetOpportunityStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-status", abstract: "Mark an opportunity won, lost (with a reason) or open again.")
    @OptionGroup var record: RecordIDArgument
    @Argument(help: "won, lost or open.") var status: OpportunityStatus
    @Option(help: "Why it was lost: a lost-reason id such as too_expensive.") var reason: String?
    @Option(help: "A comment on the lost reason.") var comment: String?
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if status != .lost && (reason != nil || comment != nil) {
            throw ValidationError("--reason and --comment go with 'lost' only.")
        }
        if comment != nil && reason == nil { throw ValidationError("--comment needs --reason.") }
    }

    func run() async throws {
        try await connection.run { client, output in
            let lostReason = reason.map { LostReason(reasonId: $0, comment: comment) }
            output.record(
                try await client.opportunities.updateStatus(.init(record.id), status, lostReason: lostReason).json)
        }
    }
}

struct SetOpportunityStage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-stage", abstract: "Move an opportunity to a stage of its pipeline.")
    @OptionGroup var record: RecordIDArgument
    @Argument(help: "The stage id (see `pipelines get`) or label.") var stage: String
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            output.record(try await client.opportunities.updateStage(.init(record.id), to: .init(stage)).json)
        }
    }
}
