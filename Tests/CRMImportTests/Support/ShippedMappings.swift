import Foundation
import CRMModel
@testable import CRMImport

/// The mappings shipped in `mappings/` and the sample each one is shown with in `samples/`.
enum ShippedMappings {
    /// The package root, found from this file's path (Tests/CRMImportTests/Support/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let pairs: [(mapping: String, sample: String)] = [
        ("outlook-contacts", "outlook-contacts.csv"),
        ("google-contacts", "google-contacts.csv"),
        ("salesforce-contacts", "salesforce-contacts.csv"),
        ("salesforce-accounts", "salesforce-accounts.csv"),
        ("salesforce-opportunities", "salesforce-opportunities.csv"),
        ("hubspot-contacts", "hubspot-contacts.csv"),
        ("hubspot-companies", "hubspot-companies.csv"),
        ("vcard-contacts", "vcard-contacts.vcf"),
        ("dynamics-cmt-contacts", "dynamics-cmt-data.xml"),
        ("dynamics-cmt-accounts", "dynamics-cmt-data.xml"),
        ("leads-csv", "leads.csv"),
        ("opportunities-csv", "opportunities.csv"),
        ("cases-csv", "cases.csv"),
        ("febrl-persons", "febrl-persons.csv"),
        ("sample-contacts", "sample-contacts.csv"),
        ("splink-persons", "splink-persons.csv"),
    ]

    static func mappingPath(_ name: String) -> String { root.appendingPathComponent("mappings/\(name).yaml").path }
    static func samplePath(_ name: String) -> String { root.appendingPathComponent("samples/\(name)").path }

    static func validate(_ pair: (mapping: String, sample: String), snapshot: SchemaSnapshot) throws -> ValidationReport
    {
        let mapping = try MappingParser.load(path: mappingPath(pair.mapping))
        return try ValidationRun(mapping: mapping, snapshot: snapshot, problemLimit: nil).run(
            path: samplePath(pair.sample))
    }
}
