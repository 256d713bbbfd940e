import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit organizations list|get|create|update|delete|merge`.
struct OrganizationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organizations", abstract: "Companies and other organizations in the directory.",
        subcommands: recordCommands(OrganizationsResource.self) + [MergeRecords<OrganizationsResource>.self])
}

enum OrganizationsResource: RecordResource {
    typealias Record = Organization
    static let columns = [
        Column("ID", "id"), Column("NAME", "name"), Column("INDUSTRY", "industry"), Column("SIZE", "size"),
        Column("WEBSITE", "website"), Column("TAGS", "tags"),
    ]

    struct Filters: FilterOptions {
        @Option(help: "Name contains (case-insensitive).") var name: String?
        @Option(help: "Address contains.") var address: String?
        @Option(help: ArgumentHelp("Has any of these tags (ids or labels).", valueName: "TAG,TAG")) var tags: String?

        var filter: OrganizationFilter { OrganizationFilter(name: name, address: address, tags: commaList(tags)) }
    }
}
