import ArgumentParser
import CRMImport
import CRMModel
import CRMSync
import Foundation

extension ExportFormat: ExpressibleByArgument {}
extension VCardVersion: ExpressibleByArgument {}

/// `crmkit export ENTITY|all`: every record out of the CRM as CSV, vCard, CMT XML or JSON Lines.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every record of an entity (or of all five) to a file.",
        discussion: """
            Streams every page in id order into a partial file next to the output (OUT.part) and \
            renders it when the last page is in. If the CRM stops answering, run the same command \
            again: it continues after the last page written, with no record missing or twice. \
            One entity goes to --out FILE (default: contacts.csv, …); `all` goes to --out DIR \
            (default: export/), one file per entity, or one data.xml for --format xml.
            """)

    @Argument(
        help: ArgumentHelp("leads, opportunities, contacts, organizations, cases, or all.", valueName: "ENTITY|all"))
    var entity: String

    @Option(
        help: "csv (flattened columns), vcard (contacts), xml (Dynamics CMT data.xml) or jsonl (records as returned)."
    )
    var format: ExportFormat = .csv

    @Option(name: .customLong("vcard-version"), help: "4.0 or 3.0, for --format vcard.")
    var vcardVersion: VCardVersion = .v4

    @Option(
        help: ArgumentHelp(
            "Write the CSV in the layout this import mapping reads (e.g. mappings/outlook-contacts.yaml).",
            valueName: "M.yaml"))
    var mapping: String?

    @Option(
        help: ArgumentHelp(
            "Only records matching KEY=VALUE (repeatable), e.g. --filter tags=VIP.", valueName: "KEY=VALUE"))
    var filter: [String] = []

    @Option(help: ArgumentHelp("The file (one entity) or directory (all) to write.", valueName: "PATH"))
    var out: String?

    @Option(name: .customLong("page-size"), help: "Records per request (1-1000).")
    var pageSize = 1000

    @OptionGroup var connection: ConnectionOptions

    var entities: [EntityKind] {
        get throws {
            if entity.lowercased() == "all" { return EntityKind.exportOrder }
            guard let kind = EntityKind(plural: entity.lowercased()) else {
                throw ValidationError(
                    "'\(entity)' is not an entity; use leads, opportunities, contacts, organizations, cases or all.")
            }
            return [kind]
        }
    }

    func validate() throws {
        if out == "-" {
            throw ValidationError(
                "--out - is not supported: an export goes to a file so that it can be "
                    + "continued; `crmkit contacts list --all --json` streams to stdout."
            )
        }
        if !(1...1000).contains(pageSize) { throw ValidationError("--page-size must be between 1 and 1000.") }
        let entities = try entities
        for entity in entities where !format.canHold(entity) {
            throw ValidationError("--format vcard holds contacts only; export \(entity.plural) as csv, xml or jsonl.")
        }
    }

    func run() async throws {
        let entities = try entities
        var options = Exporter.Options()
        options.format = format
        options.vcardVersion = vcardVersion
        options.pageSize = pageSize
        if let mapping {
            // A mapping that cannot be used is configuration (64), reported by `FailureReport`.
            let parsed = try MappingParser.load(path: mapping)
            guard format == .csv, parsed.source.format == nil || parsed.source.format == .csv,
                entities == [parsed.entity]
            else {
                throw InputError(
                    Diagnostic(
                        file: mapping,
                        "it reads \(parsed.source.format?.rawValue ?? "csv") into "
                            + "\(parsed.entity.plural); --mapping lays out a CSV export of that entity",
                        hint: "use a CSV mapping with `crmkit export \(parsed.entity.plural) --format csv`"))
            }
            options.mapping = parsed
            for rule in Exporter.unfilledRules(of: parsed) {
                Output.diagnostic(
                    Diagnostic(.note, file: mapping, "\(rule) cannot be written back; its column stays empty")
                        .description)
            }
        }
        do {
            for condition in filter { try options.filter.add(condition, entities: entities) }
        } catch {
            throw InputError(error.diagnostic)
        }
        let destination = URL(
            fileURLWithPath: out ?? (entities.count == 1 ? "\(entities[0].plural).\(format.fileExtension)" : "export"))
        try await connection.runConnected { connection in
            options.identity = connection.identity
            let progress = ExportProgressPrinter()
            let written = try await Exporter(client: connection.client, options: options)
                .export(entities, to: destination) { entity, count, total in progress.update(entity, count, total) }
            progress.finish()
            let summary = written.map { "\($0.records) \($0.entity.plural) → \($0.file.path)" }
            connection.output.done(
                summary.joined(separator: "\n"),
                json: ExportJSON(
                    files: written.map { .init(entity: $0.entity.plural, records: $0.records, file: $0.file.path) }))
        }
    }
}

/// `crmkit export --json`: the files written.
struct ExportJSON: Encodable {
    struct File: Encodable {
        var entity: String
        var records: Int
        var file: String
    }
    var files: [File]
}
