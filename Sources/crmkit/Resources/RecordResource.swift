import ArgumentParser
import CRMClient
import CRMModel

/// What the generic record commands (`list`, `get`, `create`, `update`, `delete`) need to know
/// about one kind of record. Each resource file supplies one, plus the verbs only it has.
protocol RecordResource {
    associatedtype Record: ListableRecord
    associatedtype Filters: FilterOptions where Filters.Filter == Record.Filter
    /// The table columns for people.
    static var columns: [Column] { get }
    /// Names for the ids some columns hold (`CellNames`), or nil when they hold none.
    static func cellNames(_ client: CRMClient) -> (any CellNames)?
}

extension RecordResource {
    static func cellNames(_ client: CRMClient) -> (any CellNames)? { nil }

    static var plural: String { Record.kind.plural }
    static var singular: String { Record.kind.rawValue }
}

/// The list filters of one resource as command-line options.
protocol FilterOptions: ParsableArguments {
    associatedtype Filter: RecordFilter
    var filter: Filter { get }
}

/// `--page N --size N | --all`, `--order-by FIELD --sort asc|desc`.
struct ListingOptions: ParsableArguments {
    @Option(help: "The page to show (1-based).")
    var page: Int?

    @Option(help: "Records per page (1-1000; default 10, or 100 with --all).")
    var size: Int?

    @Flag(help: "Follow the pages and print every matching record (NDJSON with --json).")
    var all = false

    @Option(name: .customLong("order-by"), help: ArgumentHelp("The field to sort by.", valueName: "FIELD"))
    var orderBy: String?

    @Option(help: ArgumentHelp("asc or desc.", valueName: "ORDER"))
    var sort: Sort.Direction?

    func validate() throws {
        if all && page != nil { throw ValidationError("--all walks every page; leave out --page.") }
        if let page, page < 1 { throw ValidationError("--page starts at 1.") }
        if let size, !(1...1000).contains(size) { throw ValidationError("--size must be between 1 and 1000.") }
        if sort != nil && orderBy == nil { throw ValidationError("--sort needs --order-by FIELD.") }
    }

    var sortOrder: Sort? { orderBy.map { Sort($0, sort ?? .ascending) } }
}

extension Sort.Direction: ExpressibleByArgument {}

/// Splits a comma-separated option value (`--ids 1,2,3`) into its entries.
func commaList(_ value: String?) -> [String]? {
    guard let value else { return nil }
    let entries = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    return entries.isEmpty ? nil : entries
}

/// A record argument: the id of one record.
struct RecordIDArgument: ParsableArguments {
    @Argument(help: "The record's id.")
    var id: String
}

/// `--data JSON|@file|@-`.
struct DataOption: ParsableArguments {
    @Option(help: ArgumentHelp("The JSON body: inline, @file, or @- for stdin.", valueName: "JSON"))
    var data: String
}

/// `--contact-id`, `--organization-id` and `--tags`: the filters leads, opportunities and cases
/// share.
struct LinkFilterOptions: ParsableArguments {
    @Option(name: .customLong("contact-id"), help: ArgumentHelp("Linked to any of these contacts.", valueName: "ID,ID"))
    var contactId: String?

    @Option(
        name: .customLong("organization-id"),
        help: ArgumentHelp("Linked to any of these organizations.", valueName: "ID,ID"))
    var organizationId: String?

    @Option(help: ArgumentHelp("Has any of these tags (ids or labels).", valueName: "TAG,TAG"))
    var tags: String?

    var contactIds: [ContactID]? { commaList(contactId)?.map { .init($0) } }
    var organizationIds: [OrganizationID]? { commaList(organizationId)?.map { .init($0) } }
    var tagList: [String]? { commaList(tags) }
}
