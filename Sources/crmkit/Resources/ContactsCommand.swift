import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit contacts list|get|create|update|delete|merge`.
struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts", abstract: "People in the directory.",
        subcommands: recordCommands(ContactsResource.self) + [MergeRecords<ContactsResource>.self])
}

enum ContactsResource: RecordResource {
    typealias Record = Contact
    static let columns = [
        Column("ID", "id"), Column("NAME", "name"), Column("EMAIL", "email"), Column("PHONE", "phone"),
        Column("JOB TITLE", "jobTitle"), Column("ORGANIZATION", "organizationId"), Column("TAGS", "tags"),
    ]

    static func cellNames(_ client: CRMClient) -> (any CellNames)? { OrganizationNames(client: client) }

    struct Filters: FilterOptions {
        @Option(help: ArgumentHelp("Only these ids, comma-separated.", valueName: "ID,ID")) var ids: String?
        @Option(help: "Name contains (case-insensitive).") var name: String?
        @Option(help: "Any e-mail contains.") var email: String?
        @Option(help: "Any phone number contains these digits.") var phone: String?
        @Option(help: ArgumentHelp("Has any of these tags (ids or labels).", valueName: "TAG,TAG")) var tags: String?
        @Option(name: .customLong("organization-id"), help: "Belongs to this organization.") var organizationId: String?
        @Option(help: "Name, e-mail or organization name contains.") var search: String?

        var filter: ContactFilter {
            ContactFilter(
                ids: commaList(ids)?.map { .init($0) }, name: name, email: email, phone: phone, tags: commaList(tags),
                organizationId: organizationId.map { .init($0) }, searchValue: search)
        }
    }
}
