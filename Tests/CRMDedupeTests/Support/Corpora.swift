import Foundation
import Testing
import CRMImport
@testable import CRMDedupe

/// Locates `../shared/corpora` from the package root, or `CRMKIT_CORPORA`.
enum Corpora {
    static var root: URL? {
        if let env = ProcessInfo.processInfo.environment["CRMKIT_CORPORA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, CRMDedupeTests, Tests, package root
        let corpora = url.deletingLastPathComponent().appendingPathComponent("shared/corpora")
        return FileManager.default.fileExists(atPath: corpora.path) ? corpora : nil
    }

    /// Whether every one of these corpus files is there: tests that need them are
    /// `.enabled(if: Corpora.available(…), Corpora.missing)`, so a run without the corpora says
    /// which tests it skipped and why.
    static func available(_ relatives: String...) -> Bool {
        guard let root else { return false }
        return relatives.allSatisfy { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
    }

    static let missing: Comment = "../shared/corpora not found (set CRMKIT_CORPORA to the corpora directory)"

    /// The file's URL, nil when it is not there (tests check `available` first).
    static func file(_ relative: String) -> URL? {
        guard let root, FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path) else {
            return nil
        }
        return root.appendingPathComponent(relative)
    }
}

/// Loads the benchmark CSVs through CRMImport's CSV reader (the one imports use), as engine
/// records built field by field, so these tests measure the engine alone; the mapping path is
/// covered by `FileEvaluationTests` and the CLI tests.
enum BenchmarkCSV {
    static func rows(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        let (records, issues) = try SourceReaders.readAll(path: url.path, format: .csv)
        guard issues.isEmpty else { throw BenchmarkError.unreadable(issues.map(\.description)) }
        let header = records.first?.names ?? []
        let rows = records.map { record in header.map { (record.first($0) ?? "").trimmingCharacters(in: .whitespaces) }
        }
        return (header, rows)
    }

    enum BenchmarkError: Error { case unreadable([String]) }

    /// FEBRL dataset: records without `rec_id` (that would give the answer away), and the truth
    /// from `*.true_pairs.csv`.
    ///
    /// - Parameter identifying: carry `soc_sec_id` as the personal identifier it is (FEBRL
    ///   corrupts it in some duplicates like any other field); without it, matching rests on
    ///   names, birth dates and addresses alone.
    static func febrl(_ name: String, identifying: Bool = false) throws -> (
        records: [DedupeRecord], truth: GroundTruth
    )? {
        guard let data = Corpora.file("dedupe/febrl/\(name).csv"),
            let pairsFile = Corpora.file("dedupe/febrl/\(name).true_pairs.csv")
        else { return nil }
        let (header, rows) = try self.rows(data)
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
        let c = (
            rec: column("rec_id"), given: column("given_name"), family: column("surname"),
            number: column("street_number"), a1: column("address_1"), a2: column("address_2"),
            suburb: column("suburb"), postcode: column("postcode"), state: column("state"),
            dob: column("date_of_birth"),
            socialSecurity: column("soc_sec_id")
        )
        var position: [String: Int] = [:]
        var records: [DedupeRecord] = []
        for (i, row) in rows.enumerated() {
            func value(_ k: Int) -> String? { k >= 0 && k < row.count && !row[k].isEmpty ? row[k] : nil }
            position[value(c.rec) ?? ""] = i
            records.append(
                DedupeRecord(
                    index: i, givenName: value(c.given), familyName: value(c.family), streetNumber: value(c.number),
                    addressLine1: value(c.a1), addressLine2: value(c.a2), city: value(c.suburb), region: value(c.state),
                    postcode: value(c.postcode), birthDate: value(c.dob),
                    personalIdentifiers: identifying ? value(c.socialSecurity).map { [$0] } ?? [] : []))
        }
        let (_, pairRows) = try self.rows(pairsFile)
        let pairs = pairRows.compactMap { row -> (Int, Int)? in
            guard row.count == 2, let a = position[row[0]], let b = position[row[1]] else { return nil }
            return (a, b)
        }
        return (records, GroundTruth(pairs: pairs))
    }

    /// splink fake_1000: `unique_id,first_name,surname,dob,city,email,cluster`.
    static func splink() throws -> (records: [DedupeRecord], truth: GroundTruth)? {
        guard let data = Corpora.file("dedupe/splink/fake_1000_from_splink_demos.csv") else { return nil }
        let (header, rows) = try self.rows(data)
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
        let c = (
            given: column("first_name"), family: column("surname"), dob: column("dob"), city: column("city"),
            email: column("email"), cluster: column("cluster")
        )
        var records: [DedupeRecord] = []
        var truth: [Int: String] = [:]
        for (i, row) in rows.enumerated() {
            func value(_ k: Int) -> String? { k >= 0 && k < row.count && !row[k].isEmpty ? row[k] : nil }
            records.append(
                DedupeRecord(
                    index: i, givenName: value(c.given), familyName: value(c.family),
                    emails: value(c.email).map { [$0] } ?? [],
                    city: value(c.city), birthDate: value(c.dob)))
            truth[i] = value(c.cluster)
        }
        return (records, GroundTruth(clusterOf: truth))
    }
}
