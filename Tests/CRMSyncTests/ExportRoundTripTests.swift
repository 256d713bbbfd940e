import CRMClient
import CRMImport
import CRMModel
import CRMSandbox
import Foundation
import Testing
@testable import CRMSync

/// Records exported from one sandbox, imported into a second with a shipped mapping, and
/// exported again: the same records, ids and timestamps aside.
@Suite struct ExportRoundTripTests {
    /// Contacts with what each format carries: labelled, primary e-mails and phones, an
    /// organization, a title, a note (with a line break and separators), tags.
    static func seed(_ harness: ImportHarness) async throws {
        let organization = try await harness.client.organizations.create(
            Organization(fields: ["name": "Northwind Traders"]))
        let organizationID = JSONValue.string(organization.id?.rawValue ?? "")
        let people: [JSONObject] = [
            [
                "name": "Amelia Hart", "jobTitle": "Purchasing Lead", "organizationId": organizationID,
                "note": "Met at the fair;\nprefers e-mail, not calls",
                "email": [
                    ["label": "Work", "value": "amelia.hart@northwind.example", "primary": true],
                    ["label": "Personal", "value": "amelia@home.example", "primary": false],
                ],
                "phone": [
                    ["label": "Mobile", "value": "+14155550101", "primary": false],
                    ["label": "Work", "value": "+14155550100", "primary": true],
                ],
                "tags": ["VIP"],
            ],
            [
                "name": "Zoë Ångström-Duval",
                "email": [["label": "Work", "value": "zoe@example.org", "primary": true]],
                "phone": [["label": "Home", "value": "+33142685300", "primary": false]],
            ],
            ["name": "Bo Li", "email": [["label": "Other", "value": "bo.li@example.net", "primary": false]]],
        ]
        for person in people {
            var body = person
            if case .array(let tags) = person["tags"] ?? .null {
                for tag in tags {
                    if let label = tag.stringValue {
                        _ = try? await harness.client.contacts.tags.create(TagOption(label: label))
                    }
                }
                body["tags"] = .array(tags)
            }
            _ = try await harness.client.contacts.create(Contact(fields: body))
        }
    }

    /// Contacts as a user compares them across two CRMs: organization by name, tags by label,
    /// list entries without absent/false `primary` differences; ids, owners and times left out.
    static func portable(_ harness: ImportHarness, tags withTags: Bool = true) async throws -> [JSONObject] {
        var names: [String: String] = [:]
        for organization in try await harness.records(.organization) {
            if let id = RecordIDOrder.id(of: organization), let name = organization["name"]?.stringValue {
                names[id] = name
            }
        }
        return try await harness.contacts().map { record in
            var out: JSONObject = [:]
            for key in ["name", "jobTitle", "note"] { if let value = record[key], !value.isNull { out[key] = value } }
            if let id = record["organizationId"].flatMap({ RecordIDOrder.id(of: ["id": $0]) }) {
                out["organization"] = names[id].map(JSONValue.string)
            }
            for key in ["email", "phone"] {
                guard case .array(let entries) = record[key] ?? .null, !entries.isEmpty else { continue }
                // Entry order is not kept by every layout (CMT has one column per label).
                out[key] = .array(
                    entries.map { entry in
                        .object([
                            "label": entry["label"] ?? .null, "value": entry["value"] ?? .null,
                            "primary": .bool(entry["primary"] == .bool(true)),
                        ])
                    }.sorted { JSONWriter.text($0) < JSONWriter.text($1) })
            }
            if withTags, case .array(let tags) = record["tags"] ?? .null, !tags.isEmpty {
                out["tags"] = .array(
                    tags.compactMap { $0["label"] }.sorted { ($0.stringValue ?? "") < ($1.stringValue ?? "") })
            }
            return out
        }
        // By the whole record: two contacts of one name (and one employer) come back in the order the
        // import happened to create them, which concurrent writes do not fix.
        .sorted { JSONWriter.text(.object($0)) < JSONWriter.text(.object($1)) }
    }

    /// `ImportHarness.importFile` for a mapping at an absolute path (the one written beside a CSV).
    static func importFile(_ harness: ImportHarness, _ file: String, mapping: String) async throws -> RunSummary {
        let path = mapping.hasPrefix("/") ? mapping : ImportHarness.path(mapping)
        let parsed = try MappingParser.load(path: path)
        let plan = try await ImportPreparation(file: file, mapping: parsed, mappingPath: path).plan(
            client: harness.client, ledger: harness.ledger
        )
        let run = try ImportRunDirectory.create(root: harness.directory.appendingPathComponent("runs"))
        try run.savePlan(plan)
        return try await ImportApplier(
            plan: plan, run: run, client: harness.client, concurrency: 4, ledger: harness.ledger
        ).apply()
    }

    func export(_ harness: ImportHarness, _ format: ExportFormat, version: VCardVersion = .v4, name: String)
        async throws -> URL
    {
        var options = Exporter.Options()
        options.format = format
        options.vcardVersion = version
        options.pageSize = 2
        let file = harness.directory.appendingPathComponent(name)
        let written = try await Exporter(client: harness.client, options: options).export([.contact], to: file)
        #expect(written.first?.records == 3)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".part"))
        return file
    }

    @Test(arguments: [
        (ExportFormat.vcard, VCardVersion.v4, "mappings/vcard-contacts.yaml"),
        (ExportFormat.vcard, VCardVersion.v3, "mappings/vcard-contacts.yaml"),
        (ExportFormat.xml, VCardVersion.v4, "mappings/dynamics-cmt-contacts.yaml"),
        (ExportFormat.csv, VCardVersion.v4, "contacts.mapping.yaml"),
    ])
    func exportImportExportKeepsTheRecords(_ format: ExportFormat, _ version: VCardVersion, _ mapping: String)
        async throws
    {
        try await ImportHarness.run { source in
            try await Self.seed(source)
            let file = try await export(source, format, version: version, name: "contacts.\(format.fileExtension)")
            // The CMT layout carries tags, but the Dynamics mapping has no column for them.
            let expected = try await Self.portable(source, tags: format != .xml)
            let mappingPath = format == .csv ? Exporter.importMappingURL(for: file).path : mapping
            try await ImportHarness.run { target in
                let summary = try await Self.importFile(target, file.path, mapping: mappingPath)
                #expect(summary.failed == 0)
                let again = try await Self.portable(target, tags: format != .xml)
                let written = try String(contentsOf: file, encoding: .utf8)
                #expect(again == expected, "\(format) \(version.rawValue):\n\(written)")
                let second = try await export(target, format, version: version, name: "again.\(format.fileExtension)")
                #expect(try await Self.portable(target, tags: format != .xml) == again)
                #expect(FileManager.default.fileExists(atPath: second.path))
            }
        }
    }

    /// A mapping used in reverse: an Outlook-layout CSV that the same mapping imports back.
    @Test func outlookLayoutReadsBackWithTheOutlookMapping() async throws {
        try await ImportHarness.run { source in
            try await Self.seed(source)
            var options = Exporter.Options()
            options.format = .csv
            options.mapping = try MappingParser.load(path: ImportHarness.path("mappings/outlook-contacts.yaml"))
            let file = source.directory.appendingPathComponent("outlook.csv")
            _ = try await Exporter(client: source.client, options: options).export([.contact], to: file)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.hasPrefix("First Name,Middle Name,Last Name,Suffix,E-mail Address,"), "\(text)")
            #expect(text.contains("Amelia,,Hart,,amelia.hart@northwind.example,amelia@home.example,"), "\(text)")
            let expected = try await Self.portable(source)
            try await ImportHarness.run { target in
                let summary = try await Self.importFile(target, file.path, mapping: "mappings/outlook-contacts.yaml")
                #expect(summary.failed == 0)
                #expect(try await Self.portable(target) == expected, "\(text)")
            }
        }
    }

    /// JSON Lines are the records exactly as the API returns them, in id order.
    @Test func jsonLinesAreTheAPIRecords() async throws {
        try await ImportHarness.run { harness in
            try await Self.seed(harness)
            let file = try await export(harness, .jsonl, name: "contacts.jsonl")
            var exported: [JSONObject] = []
            try SpoolReader(url: file).forEach { exported.append($0) }
            #expect(exported == (try await harness.contacts()))
        }
    }

    /// CSV columns follow the flattening rules: id first, list entries numbered from 1.
    @Test func csvColumnsAreFlattenedPredictably() async throws {
        try await ImportHarness.run { harness in
            try await Self.seed(harness)
            let file = try await export(harness, .csv, name: "contacts.csv")
            let text = try String(contentsOf: file, encoding: .utf8)
            let header = text.split(separator: "\r\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
            #expect(header.first == "id")
            for column in [
                "email.1.value", "email.1.label", "email.1.primary", "email.2.value", "phone.2.label", "name", "tags",
            ] {
                #expect(header.contains(column), "\(column) missing from \(header)")
            }
            #expect(text.contains("\"Met at the fair;\nprefers e-mail, not calls\""))
        }
    }

    /// Every entity into one directory; vCard refuses entities that are not people.
    @Test func allEntitiesGoIntoOneDirectory() async throws {
        try await ImportHarness.run { harness in
            try await Self.seed(harness)
            var options = Exporter.Options()
            options.format = .xml
            let directory = harness.directory.appendingPathComponent("export")
            let written = try await Exporter(client: harness.client, options: options).export(
                EntityKind.allCases, to: directory)
            #expect(Set(written.map(\.file.lastPathComponent)) == ["data.xml"])
            #expect(written.first { $0.entity == .contact }?.records == 3)
            #expect(written.first { $0.entity == .organization }?.records == 1)
            options.format = .vcard
            await #expect(throws: ExportError.self) {
                try await Exporter(client: harness.client, options: options).export([.organization], to: directory)
            }
        }
    }

    /// Connections dropped after the server answered (the client not retrying) are caught by the
    /// export itself, which asks again from its cursor: every record once.
    @Test func droppedConnectionsLeaveNoGaps() async throws {
        try await ImportHarness.run(faults: FaultConfiguration(dropRate: 0.3)) { seeded in
            let bodies: [JSONObject] = (0..<250).map { ["name": .string("Person \($0)")] }
            let expected = try await seeded.sandbox.bulkCreate(.contact, bodies).sorted {
                (Int($0) ?? 0) < (Int($1) ?? 0)
            }
            let client = try CRMClient(
                baseURL: seeded.sandbox.baseURL, apiKey: seeded.sandbox.primaryKey,
                options: ClientOptions(retry: .never))
            let spool = seeded.directory.appendingPathComponent("contacts.jsonl.part")
            var download = ExportDownload(
                pagers: [RecordPager(client: client, entity: .contact, pageSize: 20)], part: spool, identity: "x",
                filter: .init(), layoutName: "jsonl")
            download.reconnectDelay = .milliseconds(1)
            download.reconnectAttempts = 30
            #expect(try await download.run() == [250])
            var ids: [String] = []
            try SpoolReader(url: spool).forEach { ids.append(RecordIDOrder.id(of: $0) ?? "") }
            #expect(ids == expected)
        }
    }
}
