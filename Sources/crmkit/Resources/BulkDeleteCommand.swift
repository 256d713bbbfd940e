import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit bulk-delete ENTITY --ids ID,ID`.
struct BulkDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk-delete",
        abstract: "Delete many records of one kind in one request (asks first; --yes without a terminal).")

    @Argument(help: "leads, opportunities, contacts, organizations or cases.") var entity: EntityKind
    @Option(help: ArgumentHelp("The ids to delete, comma-separated (at most 1000).", valueName: "ID,ID")) var ids:
        String
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard let list = commaList(ids) else { throw ValidationError("--ids needs at least one id.") }
        if list.count > 1000 { throw ValidationError("--ids takes at most 1000 ids per request.") }
    }

    func run() async throws {
        try await connection.run { client, output in
            let list = commaList(ids) ?? []
            let shown = list.prefix(10).joined(separator: ", ") + (list.count > 10 ? ", …" : "")
            let question = "Delete \(list.count) \(entity.plural) (\(shown))?"
            guard try confirmation.confirm(question, output: output) else { return }
            let result = try await client.bulkDelete(entity, ids: list)
            let deleted = result.deleted ?? []
            let missing = result.notFound ?? []
            var message = "Deleted \(deleted.count) \(entity.plural)"
            if !deleted.isEmpty { message += ": " + deleted.joined(separator: ", ") }
            if !missing.isEmpty { message += "\nNot found: " + missing.joined(separator: ", ") }
            output.done(message, json: result.json)
        }
    }
}
