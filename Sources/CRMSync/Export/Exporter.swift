import CRMClient
import CRMImport
import CRMModel
import Foundation

/// What `crmkit export` does, as a library call: download each entity page by page, rendering
/// each page in the asked format into a partial file next to the output (resumable), and move
/// the finished file into place.
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
        try check(entities)
        let names = try await organizationNames(needed: entities.contains(.contact))
        let client = client
        let options = options
        return try await export(
            entities, to: output, organizationNames: names, timestamp: Self.timestamp(), progress: progress
        ) { entity in
            RecordPager(client: client, entity: entity, filter: options.filter, pageSize: options.pageSize)
        }
    }

    /// `export` with the records read through `pager` and the organization names given.
    func export(
        _ entities: [EntityKind], to output: URL, organizationNames names: [String: String], timestamp: String,
        reconnect: (attempts: Int, delay: Duration)? = nil,
        progress: @escaping @Sendable (EntityKind, Int, Int?) -> Void = { _, _, _ in },
        pager: (EntityKind) -> RecordPager
    ) async throws -> [Written] {
        try check(entities)
        let single = entities.count == 1
        if !single {
            do {
                try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            } catch {
                throw ExportError.io(
                    path: output.path, reason: "cannot create the directory: \(error.localizedDescription)")
            }
        }
        if options.format == .xml {
            let file = single ? output : output.appendingPathComponent("data.xml")
            var renderer = CMTXMLExportWriter(organizationNames: names, timestamp: timestamp)
            let (download, counts, _) = try await self.download(
                entities, into: file, rendering: &renderer, pager: pager, reconnect: reconnect, progress: progress)
            try Self.moveIntoPlace(download.part, file)
            download.finish()
            return zip(entities, counts).map { Written(entity: $0, records: $1, file: file) }
        }
        var written: [Written] = []
        for entity in entities {
            let file =
                single ? output : output.appendingPathComponent("\(entity.plural).\(options.format.fileExtension)")
            let download: ExportDownload
            let counts: [Int]
            switch options.format {
            case .csv:
                if let mapping = options.mapping {
                    var renderer = ReverseMappingWriter(mapping: mapping, organizationNames: names)
                    try renderer.validate()
                    (download, counts, _) = try await self.download(
                        [entity], into: file, rendering: &renderer, pager: pager, reconnect: reconnect,
                        progress: progress)
                    try Self.moveIntoPlace(download.part, file)
                } else {
                    var renderer = CSVExportWriter(organizationNames: names)
                    let layout: CSVLayout?
                    (download, counts, layout) = try await self.download(
                        [entity], into: file, rendering: &renderer, pager: pager, reconnect: reconnect,
                        progress: progress)
                    let columns = try CSVExportWriter.assemble(
                        part: download.part, layout: layout ?? CSVLayout(), to: file)
                    try writeImportMapping(entity: entity, columns: columns, csv: file)
                    try? FileManager.default.removeItem(at: download.part)
                }
            case .vcard:
                var renderer = VCardExportWriter(version: options.vcardVersion, organizationNames: names)
                (download, counts, _) = try await self.download(
                    [entity], into: file, rendering: &renderer, pager: pager, reconnect: reconnect, progress: progress)
                try Self.moveIntoPlace(download.part, file)
            case .jsonl, .xml:
                var renderer = JSONLinesRenderer()
                (download, counts, _) = try await self.download(
                    [entity], into: file, rendering: &renderer, pager: pager, reconnect: reconnect, progress: progress)
                try Self.moveIntoPlace(download.part, file)
            }
            download.finish()
            written.append(Written(entity: entity, records: counts.first ?? 0, file: file))
        }
        return written
    }

    /// Refuses what the format or the mapping cannot do, before anything is downloaded.
    private func check(_ entities: [EntityKind]) throws(ExportError) {
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
    }

    /// Downloads `entities` into `file`'s partial file, rendered as they arrive.
    private func download<Renderer: ExportRenderer>(
        _ entities: [EntityKind], into file: URL, rendering renderer: inout Renderer,
        pager: (EntityKind) -> RecordPager, reconnect: (attempts: Int, delay: Duration)?,
        progress: @escaping @Sendable (EntityKind, Int, Int?) -> Void
    ) async throws -> (ExportDownload, [Int], CSVLayout?) {
        var download = ExportDownload(
            pagers: entities.map(pager), part: URL(fileURLWithPath: file.path + ".part"), identity: options.identity,
            filter: options.filter, layoutName: layoutName)
        if let reconnect {
            download.reconnectAttempts = reconnect.attempts
            download.reconnectDelay = reconnect.delay
        }
        let (counts, layout) = try await download.run(rendering: &renderer, progress: progress)
        return (download, counts, layout)
    }

    /// The format and its options, as a checkpoint names them: a partial file is only continued
    /// by an export that writes the same bytes.
    private var layoutName: String {
        switch options.format {
        case .vcard: return "vcard \(options.vcardVersion.rawValue)"
        case .csv: return options.mapping.map { "csv mapping \($0.file)" } ?? "csv"
        case .xml, .jsonl: return options.format.rawValue
        }
    }

    private static func moveIntoPlace(_ part: URL, _ file: URL) throws(ExportError) {
        try? FileManager.default.removeItem(at: file)
        do {
            try FileManager.default.moveItem(at: part, to: file)
        } catch {
            throw ExportError.io(
                path: file.path, reason: "cannot move the finished export into place: \(error.localizedDescription)")
        }
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
