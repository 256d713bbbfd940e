import ArgumentParser
import CRMModel
import CRMSync
import Foundation

/// `crmkit backup [--out DIR]`: every record and the whole schema in one directory, with a
/// manifest of counts and SHA-256 sums.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Save every record, form, tag, case type and pipeline into one directory with a manifest.",
        discussion: """
            Take one before an import, a dedupe merge or a rollback. Records are JSON Lines as the \
            API returns them (records/*.jsonl), the schema JSON (schema/); manifest.json names the \
            CRM, the time and each file's count and SHA-256. Cut off by the network, run the same \
            command again (same --out): it continues where it stopped.
            """)

    @Option(help: ArgumentHelp("The directory to write (default: backup-YYYYMMDDTHHMMSSZ).", valueName: "DIR"))
    var out: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let directory = URL(fileURLWithPath: out ?? "backup-" + formatter.string(from: Date()))
        try await connection.runConnected { connection in
            let progress = ExportProgressPrinter()
            let manifest = try await Backup(client: connection.client, identity: connection.identity)
                .write(to: directory) { entity, count, total in progress.update(entity, count, total) }
            progress.finish()
            let counts = EntityKind.exportOrder.map { "\(manifest.counts[$0.plural] ?? 0) \($0.plural)" }.joined(
                separator: ", ")
            connection.output.done(
                "Backup in \(directory.path): \(counts); schema: forms, tags, case types, pipelines (manifest.json).",
                json: BackupJSON(directory: directory.path, counts: manifest.counts))
        }
    }
}

/// `crmkit backup --json`.
struct BackupJSON: Encodable {
    var directory: String
    /// Records written, by entity (plural).
    var counts: [String: Int]
}
