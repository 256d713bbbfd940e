import ArgumentParser
import CRMClient
import CRMModel

/// `<resource> list`: one page, or every page with `--all`.
struct ListRecords<Resource: RecordResource>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List \(Resource.plural), with filters and paging.")
    }

    @OptionGroup var filters: Resource.Filters
    @OptionGroup var listing: ListingOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            let records = client.records(Resource.Record.self)
            let table = TableWriter(Resource.columns, output: output)
            let names = output.json ? nil : Resource.cellNames(client)
            func rows(_ items: [Resource.Record]) async -> [JSONObject] {
                let rows = items.map(\.fields)
                return await names?.named(rows) ?? rows
            }
            if listing.all {
                var count = 0
                for try await page in records.list(
                    filters.filter, sort: listing.sortOrder, pageSize: listing.size ?? 100
                ).pages {
                    count += page.items.count
                    if output.json {
                        page.items.forEach { output.streamLine($0.json) }
                    } else {
                        table.write(await rows(page.items))
                    }
                }
                if !output.json && count == 0 { output.line("No \(Resource.plural) found.") }
                return
            }
            let page = try await records.page(
                listing.page ?? 1, size: listing.size ?? 10, filter: filters.filter, sort: listing.sortOrder)
            if output.json {
                var document: JSONObject = [
                    "items": .array(page.items.map(\.json)), "page": .integer(Int64(page.page)),
                    "size": .integer(Int64(page.size)),
                ]
                document["total"] = page.total.map { .integer(Int64($0)) }
                output.document(.object(document))
            } else if page.items.isEmpty {
                output.line("No \(Resource.plural) found.")
            } else {
                table.write(await rows(page.items))
                if let total = page.total, page.hasMore {
                    Output.diagnostic(
                        "page \(page.page), \(page.items.count) of \(total); --page "
                            + "\(page.page + 1) for more, --all for every one"
                    )
                }
            }
        }
    }
}

/// `<resource> get ID`.
struct GetRecord<Resource: RecordResource>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "get", abstract: "Show one \(Resource.singular).")
    }

    @OptionGroup var record: RecordIDArgument
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            output.record(try await client.records(Resource.Record.self).get(.init(record.id)).json)
        }
    }
}

/// `<resource> create --data JSON`.
struct CreateRecord<Resource: RecordResource>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "create", abstract: "Create a \(Resource.singular) from JSON; prints it as stored.")
    }

    @OptionGroup var body: DataOption
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            let record = Resource.Record(fields: try JSONInput.object(body.data))
            output.record(try await client.records(Resource.Record.self).create(record).json)
        }
    }
}

/// `<resource> update ID --data JSON`: a partial update.
struct UpdateRecord<Resource: RecordResource>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "update",
            abstract: "Change the members of a \(Resource.singular) given in the JSON (null clears one).")
    }

    @OptionGroup var record: RecordIDArgument
    @OptionGroup var body: DataOption
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            let patch = Resource.Record(fields: try JSONInput.object(body.data))
            output.record(try await client.records(Resource.Record.self).update(.init(record.id), patch).json)
        }
    }
}

/// `<resource> delete ID`.
struct DeleteRecord<Resource: RecordResource>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "delete", abstract: "Delete a \(Resource.singular) (asks first; --yes without a terminal).")
    }

    @OptionGroup var record: RecordIDArgument
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.run { client, output in
            guard try confirmation.confirm("Delete \(Resource.singular) \(record.id)?", output: output) else { return }
            try await client.records(Resource.Record.self).delete(.init(record.id))
            output.done("Deleted \(Resource.singular) \(record.id).", json: ["deleted": .string(record.id)])
        }
    }
}

/// The five verbs every record resource has, for its command's `subcommands`.
func recordCommands<Resource: RecordResource>(_ resource: Resource.Type) -> [any ParsableCommand.Type] {
    [
        ListRecords<Resource>.self, GetRecord<Resource>.self, CreateRecord<Resource>.self,
        UpdateRecord<Resource>.self, DeleteRecord<Resource>.self,
    ]
}
