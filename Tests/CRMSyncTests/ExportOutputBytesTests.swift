import CRMClient
import CRMImport
import CRMModel
import Foundation
import Synchronization
import Testing
@testable import CRMSync

/// The files an export writes, byte for byte, for a fixed set of records (`ExportFixture`):
/// compared with files kept in `Tests/Fixtures/export/`, written by the exporter when it still rendered
/// from a finished JSON Lines download. Pages of one record make every page bring CSV columns
/// the rows before did not have; a download cut off and continued must give the same bytes.
@Suite struct ExportOutputBytesTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/export")

    struct Case: CustomTestStringConvertible, Sendable {
        var format: ExportFormat
        var version: VCardVersion = .v4
        var mapping: String?
        var entities: [EntityKind]
        /// The golden file of each entity (one for XML).
        var files: [String]
        var testDescription: String { files.joined(separator: "+") }
    }

    static let cases: [Case] = [
        Case(format: .csv, entities: [.contact], files: ["contacts.csv"]),
        Case(format: .csv, entities: [.organization], files: ["organizations.csv"]),
        Case(format: .csv, entities: [.lead], files: ["leads.csv"]),
        Case(
            format: .csv, mapping: "mappings/outlook-contacts.yaml", entities: [.contact],
            files: ["contacts-outlook.csv"]),
        Case(format: .vcard, version: .v4, entities: [.contact], files: ["contacts-4.0.vcf"]),
        Case(format: .vcard, version: .v3, entities: [.contact], files: ["contacts-3.0.vcf"]),
        Case(format: .xml, entities: [.contact], files: ["contacts.xml"]),
        Case(format: .xml, entities: [.organization, .contact, .lead], files: ["data.xml"]),
        Case(
            format: .jsonl, entities: [.organization, .contact, .lead],
            files: ["organizations.jsonl", "contacts.jsonl", "leads.jsonl"]),
    ]

    static func pager(_ entity: EntityKind, size: Int, failing: Set<Int> = [], log: RequestLog? = nil) -> RecordPager {
        let records = ExportFixture.records(entity)
        let requests = RequestLog()
        return RecordPager(entity: entity, pageSize: size) { number, size in
            log?.add(entity, number)
            if failing.contains(requests.add(entity, number)) {
                throw CRMError.transport(
                    .init(method: "GET", path: "/directory/contacts"), reason: "connection dropped", attempts: 1)
            }
            let start = min(records.count, (number - 1) * size)
            return Page(
                items: Array(records[start..<min(records.count, start + size)]), page: number, size: size,
                total: records.count)
        }
    }

    static func exporter(_ item: Case) throws -> Exporter {
        var options = Exporter.Options()
        options.format = item.format
        options.vcardVersion = item.version
        if let mapping = item.mapping { options.mapping = try MappingParser.load(path: ImportHarness.path(mapping)) }
        options.identity = "fixture"
        let client = try CRMClient(baseURL: "http://127.0.0.1:9", apiKey: "unused")
        return Exporter(client: client, options: options)
    }

    static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-export-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    func expectGolden(_ item: Case, _ written: [Exporter.Written], in directory: URL) throws {
        let files =
            item.entities.count == 1
            ? written.map(\.file) : item.files.map { directory.appendingPathComponent($0) }
        #expect(files.count == item.files.count)
        for (file, name) in zip(files, item.files) {
            let got = try Data(contentsOf: file)
            let want = try Data(contentsOf: Self.golden.appendingPathComponent(name))
            #expect(got == want, "\(name) differs:\n\(String(decoding: got, as: UTF8.self))")
            #expect(!FileManager.default.fileExists(atPath: file.path + ".part"))
            #expect(!FileManager.default.fileExists(atPath: file.path + ".part.state"))
        }
    }

    @Test(arguments: cases, [1, 2, 1000])
    func sameBytesWhateverThePageSize(_ item: Case, _ pageSize: Int) async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let single = item.entities.count == 1
        let output = single ? directory.appendingPathComponent("out.\(item.format.fileExtension)") : directory
        let written = try await Self.exporter(item).export(
            item.entities, to: output, organizationNames: ExportFixture.organizationNames,
            timestamp: ExportFixture.timestamp
        ) { Self.pager($0, size: pageSize) }
        #expect(written.map(\.records) == item.entities.map { ExportFixture.records($0).count })
        try expectGolden(item, written, in: directory)
    }

    /// Cut off after a few pages (the CRM gone for good), then run again: the partial file is
    /// continued from its checkpoint, with the CSV's columns met before the cut.
    @Test(arguments: cases)
    func sameBytesAfterAResume(_ item: Case) async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let single = item.entities.count == 1
        let output = single ? directory.appendingPathComponent("out.\(item.format.fileExtension)") : directory
        let exporter = try Self.exporter(item)
        // The third request of the contacts (or of the one entity) and every one after it fail.
        let cut: EntityKind = item.entities.count == 1 ? item.entities[0] : .contact
        await #expect(throws: ExportError.self) {
            _ = try await exporter.export(
                item.entities, to: output, organizationNames: ExportFixture.organizationNames,
                timestamp: ExportFixture.timestamp, reconnect: (attempts: 0, delay: .zero)
            ) { Self.pager($0, size: 1, failing: $0 == cut ? Set(3...1000) : []) }
        }
        let log = RequestLog()
        let written = try await exporter.export(
            item.entities, to: output, organizationNames: ExportFixture.organizationNames,
            timestamp: "another time, not written: the file's head is already there"
        ) { Self.pager($0, size: 1, log: log) }
        try expectGolden(item, written, in: directory)
        let first = log.pages(cut).first ?? 0
        #expect(first > 1, "the cut entity was downloaded again from page \(first)")
    }
}

/// A CSV's partial file cut inside a row written before a column appeared: the rows cannot be
/// widened, and the error names the file instead of leaving rows out.
@Test func aDamagedPartialCSVIsNamed() throws {
    let directory = try ExportOutputBytesTests.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let part = directory.appendingPathComponent("contacts.csv.part")
    var renderer = CSVExportWriter(organizationNames: [:])
    let first = renderer.render([["id": "1", "name": "A, B"]], entity: .contact, at: 0)
    let second = renderer.render(
        [["id": "2", "jobTitle": "Engineer"]], entity: .contact, at: UInt64(first.utf8.count))
    let layout = try #require(renderer.layout)
    #expect(layout.segments.map(\.columns) == [2, 3])
    let whole = directory.appendingPathComponent("whole.csv")
    try Data((first + second).utf8).write(to: part)
    #expect(try CSVExportWriter.assemble(part: part, layout: layout, to: whole) == ["id", "jobTitle", "name"])
    #expect(try String(contentsOf: whole, encoding: .utf8) == "id,jobTitle,name\r\n1,,\"A, B\"\r\n2,Engineer,\r\n")
    try Data((first.dropLast(4) + second).utf8).write(to: part)
    #expect(throws: ExportError.self) {
        try CSVExportWriter.assemble(part: part, layout: layout, to: directory.appendingPathComponent("cut.csv"))
    }
}

/// The pages a pager is asked for, by entity; answers the number of requests so far.
final class RequestLog: Sendable {
    private let requests = Mutex<[(EntityKind, Int)]>([])

    @discardableResult
    func add(_ entity: EntityKind, _ page: Int) -> Int {
        requests.withLock { requests in
            requests.append((entity, page))
            return requests.count
        }
    }

    func pages(_ entity: EntityKind) -> [Int] { requests.withLock { $0.filter { $0.0 == entity }.map(\.1) } }
}
