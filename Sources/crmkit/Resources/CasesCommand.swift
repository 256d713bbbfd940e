import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit cases list|get|create|update|delete`.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "Support cases; their status follows their case type's workflow.",
        subcommands: recordCommands(CasesResource.self))
}

enum CasesResource: RecordResource {
    typealias Record = Case
    static let columns = [
        Column("ID", "id"), Column("TITLE", "title"), Column("STATUS", "status"), Column("PRIORITY", "priority"),
        Column("ASSIGNEE", "assignee"), Column("TAGS", "tags"),
    ]

    static func cellNames(_ client: CRMClient) -> (any CellNames)? { CaseStatusLabels(client: client) }

    struct Filters: FilterOptions {
        @Option(help: "Title contains (case-insensitive).") var title: String?
        @Option(help: "Status id or label.") var status: String?
        @Option(name: .customLong("case-type"), help: "Case type id.") var caseType: String?
        @Option(name: .customLong("owner-id"), help: "Owner's user id.") var ownerId: String?
        @OptionGroup var links: LinkFilterOptions
        @Option(name: .customLong("created-after"), help: "ISO 8601 date or date-time (inclusive).") var createdAfter:
            String?
        @Option(name: .customLong("created-before"), help: "ISO 8601 date or date-time (inclusive).") var createdBefore:
            String?

        var filter: CaseFilter {
            CaseFilter(
                title: title, status: status, caseType: caseType.map { .init($0) }, ownerId: ownerId.map { .init($0) },
                contactIds: links.contactIds,
                organizationIds: links.organizationIds, tags: links.tagList,
                createdAfter: createdAfter, createdBefore: createdBefore)
        }
    }
}
