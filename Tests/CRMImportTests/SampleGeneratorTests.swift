import Foundation
import Testing
@testable import CRMImport

@Suite("Sample generator")
struct SampleGeneratorTests {
    @Test func deterministicForASeed() {
        var a = SampleGenerator(count: 500, duplicateRate: 0.2, seed: 9)
        var b = SampleGenerator(count: 500, duplicateRate: 0.2, seed: 9)
        var c = SampleGenerator(count: 500, duplicateRate: 0.2, seed: 10)
        var same = true, differs = false
        while let x = a.next() {
            let y = b.next(), z = c.next()
            same = same && x == y
            differs = differs || x != z
        }
        #expect(same && differs)
    }

    @Test func plantsDuplicatesAtTheRequestedRate() {
        var g = SampleGenerator(count: 10_000, duplicateRate: 0.25, seed: 1)
        var clusters = Set<Int>()
        var n = 0
        while let c = g.next() { clusters.insert(c.clusterID); n += 1 }
        let dupShare = Double(n - clusters.count) / Double(n)
        #expect(n == 10_000)
        #expect(abs(dupShare - 0.25) < 0.03)
    }

    @Test(arguments: SourceFormat.allCases)
    func filesReadBackWithTheirTruth(format: SourceFormat) throws {
        let path = tempFile("sample.\(format.rawValue)")
        let truth = tempFile("truth.csv")
        let s = try SampleWriter.write(count: 2_000, format: format, to: path, truthPath: truth, duplicateRate: 0.15, seed: 5)
        #expect(s.records == 2_000)
        let (rs, issues) = try SourceReaders.readAll(path: path, format: format)
        #expect(issues.isEmpty)
        #expect(rs.count == 2_000)
        let (truthRows, _) = try SourceReaders.readAll(path: truth, format: .csv)
        #expect(truthRows.count == 2_000)
        #expect(truthRows.first?.fields.map(\.name) == ["record_index", "cluster_id"])
        #expect(truthRows.map { $0.first("record_index") } == (0..<2_000).map { String($0) })
        #expect(Set(truthRows.compactMap { $0.first("cluster_id") }).count == s.clusters)
        // Same seed, same bytes.
        let again = tempFile("again")
        _ = try SampleWriter.write(count: 2_000, format: format, to: again, duplicateRate: 0.15, seed: 5)
        #expect(FileManager.default.contentsEqual(atPath: path, andPath: again))
        // Realistic variety: some e-mails missing, names vary.
        let firstField = format == .csv ? "First Name" : format == .vcard ? "N.given" : "first-name"
        #expect(Set(rs.compactMap { $0.first(firstField) }).count > 50)
    }
}
