import CRMClient
import CRMImport
import CRMModel
import Foundation

/// What `crmkit export` does, as a library call: download each entity into a spool next to the
/// output (resumable), then render the spool in the asked format and remove it.
///
/// One entity goes to the file `output`; several go into the directory `output`, one file per
/// entity (`contacts.csv`, …), except XML, where they share one `data.xml` as in a CMT export.
public struct Exporter: Sendable {
    public struct Options: Sendable {
        public var format: ExportFormat = .jsonl
        public var vcardVersion: VCardVersion = .v4
        public var filter = ExportFilter()
        /// A CSV mapping whose layout the CSV is written in (its rules read backwards).
        public var mapping: Mapping?
        public var pageSize = 1000
        /// Which CRM this is (a checkpoint is only continued against the same one).
        public var identity = ""
        public init() {}
    }

    /// One entity's result.
    public struct Written: Sendable {
        public var entity: EntityKind
        public var records: Int
        public var file: URL
    }

    public let client: CRMClient
    public let options: Options

    public init(client: CRMClient, options: Options) {
        self.client = client
        self.options = options
    }

    /// Exports `entities` to `output`; `progress` hears each entity's count after every page.
    public func export(
        _ entities: [EntityKind], to output: URL,
        progress: @escaping @Sendable (EntityKind, Int, Int?) -> Void = { _, _, _ in }
    ) async throws -> [Written] {
        for entity in entities where !options.format.canHold(entity) {
            throw ExportError.formatCannotHold(format: options.format, entity: entity.plural)
        }
        if let mapping = options.mapping {
            guard options.format == .csv, entities == [mapping.entity] else {
                throw ExportError.mapping(
                    path: mapping.file,
                    reason:
                        "this mapping lays out a CSV of \(mapping.entity.plural): use it "
                        + "with `crmkit export \(mapping.entity.plural) --format csv`"
                )
            }
        }
        let single = entities.count == 1
        if !single {
            do {
                try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            } catch {
                throw ExportError.io(
                    path: output.path, reason: "cannot create the directory: \(error.localizedDescription)")
            }
        }
        var spools: [(entity: EntityKind, spool: URL, download: SpoolDownload, records: Int)] = []
        for entity in entities {
            let file =
                single ? output : output.appendingPathComponent("\(entity.plural).\(options.format.fileExtension)")
            let spool = URL(fileURLWithPath: file.path + ".part")
            let pager = RecordPager(client: client, entity: entity, filter: options.filter, pageSize: options.pageSize)
            let download = SpoolDownload(pager: pager, spool: spool, identity: options.identity, filter: options.filter)
            let records = try await download.run { written, total in progress(entity, written, total) }
            spools.append((entity, spool, download, records))
        }
        let names = try await organizationNames(needed: entities.contains(.contact))
        var written: [Written] = []
        switch options.format {
        case .xml:
            let file = single ? output : output.appendingPathComponent("data.xml")
            try CMTXMLExportWriter(organizationNames: names, timestamp: Self.timestamp())
                .write(spools.map { ($0.entity, $0.spool) }, to: file)
            written = spools.map { Written(entity: $0.entity, records: $0.records, file: file) }
        case .jsonl, .csv, .vcard:
            for item in spools {
                let file =
                    single
                    ? output : output.appendingPathComponent("\(item.entity.plural).\(options.format.fileExtension)")
                switch options.format {
                case .jsonl:
                    try? FileManager.default.removeItem(at: file)
                    do {
                        try FileManager.default.moveItem(at: item.spool, to: file)
                    } catch {
                        throw ExportError.io(
                            path: file.path,
                            reason: "cannot move the finished export into place: \(error.localizedDescription)")
                    }
                case .csv where options.mapping != nil:
                    if let mapping = options.mapping {
                        try ReverseMappingWriter(mapping: mapping, organizationNames: names).write(
                            spool: item.spool, to: file)
                    }
                case .csv:
                    let columns = try CSVExportWriter(organizationNames: names).write(spool: item.spool, to: file)
                    try writeImportMapping(entity: item.entity, columns: columns, csv: file)
                default:
                    try VCardExportWriter(version: options.vcardVersion, organizationNames: names).write(
                        spool: item.spool, to: file)
                }
                written.append(Written(entity: item.entity, records: item.records, file: file))
            }
        }
        for item in spools {
            try? FileManager.default.removeItem(at: item.spool)
            item.download.finish()
        }
        return written
    }

    /// The rules of `mapping` a CSV laid out by it cannot fill, as `target (reason)`.
    public static func unfilledRules(of mapping: Mapping) -> [String] {
        ReverseMappingWriter(mapping: mapping, organizationNames: [:]).skipped
    }

    /// `NAME.mapping.yaml` beside `NAME.csv`, for the entities a CSV can be imported back as.
    private func writeImportMapping(entity: EntityKind, columns: [String], csv: URL) throws {
        let url = Self.importMappingURL(for: csv)
        guard
            let yaml = CSVImportMapping.yaml(
                entity: entity, columns: columns, csvName: csv.lastPathComponent, mappingName: url.lastPathComponent)
        else { return }
        do {
            try yaml.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw ExportError.io(
                path: url.path, reason: "cannot write the import mapping: \(error.localizedDescription)")
        }
    }

    /// Where the mapping that reads `csv` back is written: `contacts.csv` → `contacts.mapping.yaml`.
    public static func importMappingURL(for csv: URL) -> URL {
        csv.deletingPathExtension().appendingPathExtension("mapping.yaml")
    }

    /// Organization names by id, for the formats that show a contact's organization by name.
    /// Organizations are far fewer than contacts; only their names are kept.
    private func organizationNames(needed: Bool) async throws -> [String: String] {
        guard needed, options.format != .jsonl else { return [:] }
        var names: [String: String] = [:]
        for try await organization in client.organizations.list(pageSize: 1000) {
            if let id = organization.id?.rawValue, let name = organization.name { names[id] = name }
        }
        return names
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
