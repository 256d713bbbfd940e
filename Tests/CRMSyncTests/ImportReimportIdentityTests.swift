import CRMClient
import CRMImport
import CRMModel
import Foundation
import Testing
@testable import CRMSync

/// A second import of a file with near-duplicate rows writes nothing, even without the key
/// ledger of the first (another machine, another runs directory): the first import folds rows
/// by the rule the second matches records by, so it never leaves apart two records that one row
/// of the file is.
@Suite struct ImportReimportIdentityTests {
    static let header =
        "First Name,Last Name,Email,Phone,Mobile,Company,Title,Street,City,Postal Code,Country,Notes,Email 2"
    /// One person written six ways; the names drift (typos, a nickname, capitals), so the record
    /// folded so far after some rows looks unlike a later row that is the first row again.
    static let rows = [
        "Elizabeth,Baker,contact@whipple-bakery.example,(753) 791-3257,(285) "
            + "532-1382,Whipple Bakery,Founder,1470 Hauptstraße,Paris,75014,France,,",
        "Elizabeth,Baker,CONTACT@WHIPPLE-BAKERY.EXAMPLE,753.791.3257,(285) "
            + "532-1382,Whipple Bakery,Founder,1470 Hauptstraße,Paris,75014,France,,",
        "Betsy,Bakr,CONTACT@WHIPPLE-BAKERY.EXAMPLE,(753) 791-3257,(285) "
            + "532-1382,Whipple Bakery,Founder,1470 Hauptstraße,Paris,75014,France,,",
        "Libby,Baker,contact@whipple-bakery.example,(753) 791-3257,(285) "
            + "532-1382,Whipple Bakery,,1470 Hauptstraße,Paris,75014,France,,",
        "Edward,Bianchi,edwardbianchi693@icloud.com,303.000.0209,377.503.9102,Cardona "
            + "Dental Care,Sales Manager,1294 Maple Drive,Springfield,62713,USA,,",
        "ELIAZBETH,BAKER,contact@whipple-bakery.example,753-791-3257,,Whipple "
            + "Bakery,Founder,1470 Hauptstraße,Paris,75014,France,,",
        "Elizabeth,Baker,contact@whipple-bakery.example,(753) 791-3257,(285) "
            + "532-1382,Whipple Bakery,Founder,1470 Hauptstraße,Paris,75014,France,,",
        "Elizbaeth,Baker,,753.791.3257,(285) 532-1382,Whipple Bakery,,,Paris,,France,,",
    ]

    @Test func aSecondImportWithoutTheLedgerPlansNoWrites() async throws {
        try await ImportHarness.run { harness in
            let url = harness.directory.appendingPathComponent("bakers.csv")
            try ([Self.header] + Self.rows + [""]).joined(separator: "\n").write(
                to: url, atomically: true, encoding: .utf8)
            let (first, summary, _) = try await harness.importFile(url.path, mapping: InvariantCase.mapping)
            #expect(summary.failed == 0)
            #expect(
                first.count(.create, .contact) == 2,
                "\(first.steps.map { ($0.source?.line ?? 0, $0.action, $0.note ?? "") })")

            let mappingPath = ImportHarness.path(InvariantCase.mapping)
            let mapping = try MappingParser.load(path: mappingPath)
            let again = try await ImportPreparation(file: url.path, mapping: mapping, mappingPath: mappingPath).plan(
                client: harness.client, ledger: nil
            )
            let writes = again.steps.filter { $0.action != .skip && $0.action != .conflict }
            #expect(writes.isEmpty, "\(writes.map { ($0.source?.line ?? 0, $0.action, $0.note ?? "") })")
        }
    }
}
