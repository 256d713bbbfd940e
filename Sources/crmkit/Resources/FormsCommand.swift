import ArgumentParser
import CRMClient
import CRMModel

/// `crmkit forms get|put contacts|organizations|opportunities`.
struct FormsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms", abstract: "The forms of contacts, organizations and leads/opportunities.",
        subcommands: [Get.self, Put.self])

    static let columns = [
        Column("ID", "id"), Column("LABEL", "label"), Column("TYPE", "type"), Column("CATEGORY", "category"),
        Column("REQUIRED", "required"), Column("OPTIONS", "options"),
    ]

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a form's fields.")
        @Argument(help: "contacts, organizations or opportunities (leads use opportunities).") var form: FormName
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let fields = try await client.forms.get(form)
                printList(
                    fields.map(\.json), columns: FormsCommand.columns, empty: "The form has no fields.", output: output)
            }
        }
    }

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put",
            abstract: "Replace a form's custom fields and update the default ones listed (asks first).",
            discussion: "--data is {\"fields\": [Field, …]} as in the API, or just the array of fields.")
        @Argument(help: "contacts, organizations or opportunities.") var form: FormName
        @OptionGroup var body: DataOption
        @OptionGroup var confirmation: ConfirmationOption
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { client, output in
                let update: FormUpdate
                switch try JSONInput.value(body.data) {
                case .object(let object): update = FormUpdate(fields: object)
                case .array(let fields): update = FormUpdate(fields: ["fields": .array(fields)])
                default: throw InputError("--data: expected {\"fields\": [...]} or an array of fields")
                }
                let question = "Replace the \(form.rawValue) form? Custom fields missing from --data are removed."
                guard try confirmation.confirm(question, output: output) else { return }
                let fields = try await client.forms.put(form, update)
                printList(
                    fields.map(\.json), columns: FormsCommand.columns, empty: "The form has no fields.", output: output)
            }
        }
    }
}
