import CRMClient
import CRMModel
import Foundation

/// What `crmkit backup` does: everything a CRM holds, in one directory.
///
/// ```
/// DIR/records/organizations.jsonl   contacts, leads, opportunities, cases (.jsonl): every record
///                                   as the API returns it, with its tags, in id order
/// DIR/schema/forms/contacts.json    organizations, opportunities: the form fields
/// DIR/schema/tags/contacts.json     one per entity: the tags with their colours
/// DIR/schema/case-types.json        with their workflows
/// DIR/schema/pipelines.json         with their stages
/// DIR/manifest.json                 the CRM, the time, each file's count, size and SHA-256
/// ```
///
/// Records are downloaded by `Exporter` (JSON Lines), so a backup cut off by the network is
/// continued by running it again into the same directory. The manifest is written last: a
/// directory without one is an unfinished backup.
public struct Backup: Sendable {
    public let client: CRMClient
    /// Which CRM this is (kept in the manifest).
    public let identity: String
    public var pageSize = 1000

    public init(client: CRMClient, identity: String) {
        self.client = client
        self.identity = identity
    }

    public func write(
        to directory: URL, progress: @escaping @Sendable (EntityKind, Int, Int?) -> Void = { _, _, _ in }
    ) async throws -> BackupManifest {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        if FileManager.default.fileExists(atPath: manifestURL.path) {
            throw ExportError.io(path: directory.path, reason: "already holds a finished backup; choose another --out")
        }
        let records = directory.appendingPathComponent("records")
        let schema = directory.appendingPathComponent("schema")
        do {
            for folder in [records, schema.appendingPathComponent("forms"), schema.appendingPathComponent("tags")] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw ExportError.io(
                path: directory.path, reason: "cannot create the backup directory: \(error.localizedDescription)")
        }
        var files: [BackupManifest.File] = []

        var options = Exporter.Options()
        options.format = .jsonl
        options.pageSize = pageSize
        options.identity = identity
        let written = try await Exporter(client: client, options: options).export(
            EntityKind.exportOrder, to: records, progress: progress)
        for item in written {
            files.append(try entry(item.file, in: directory, count: item.records))
        }

        for form in FormName.allCases {
            let fields = try await client.forms.get(form)
            files.append(
                try save(
                    .array(fields.map(\.json)), count: fields.count, "schema/forms/\(form.rawValue).json", in: directory
                ))
        }
        for entity in EntityKind.exportOrder {
            let tags = try await client.tags(for: entity).list()
            files.append(
                try save(
                    .array(tags.map(\.json)), count: tags.count, "schema/tags/\(entity.plural).json", in: directory))
        }
        let caseTypes = try await client.caseTypes.list()
        files.append(
            try save(.array(caseTypes.map(\.json)), count: caseTypes.count, "schema/case-types.json", in: directory))
        let pipelines = try await client.pipelines.list()
        files.append(
            try save(.array(pipelines.map(\.json)), count: pipelines.count, "schema/pipelines.json", in: directory))

        let manifest = BackupManifest(crm: identity, createdAt: Exporter.timestamp(), files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(manifest).write(to: manifestURL, options: .atomic)
        } catch {
            throw ExportError.io(
                path: manifestURL.path, reason: "cannot write the manifest: \(error.localizedDescription)")
        }
        return manifest
    }

    private func save(_ value: JSONValue, count: Int, _ path: String, in directory: URL) throws -> BackupManifest.File {
        let url = directory.appendingPathComponent(path)
        do {
            try Data((JSONWriter.text(value) + "\n").utf8).write(to: url, options: .atomic)
        } catch {
            throw ExportError.io(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
        return try entry(url, in: directory, count: count)
    }

    private func entry(_ url: URL, in directory: URL, count: Int) throws -> BackupManifest.File {
        let digest = try FileDigest.of(url)
        let relative = url.standardizedFileURL.path.replacingOccurrences(
            of: directory.standardizedFileURL.path + "/", with: "")
        return BackupManifest.File(path: relative, count: count, bytes: digest.bytes, sha256: digest.sha256)
    }
}
