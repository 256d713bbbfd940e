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
        let s = try SampleWriter.write(
            count: 2_000, format: format, to: path, truthPath: truth, duplicateRate: 0.15, seed: 5)
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

/// The generator looks like a real CRM: skewed names, shared addresses, same-name strangers.
@Suite("Sample generator realism")
struct SampleGeneratorRealismTests {
    let contacts: [SampleContact] = {
        var g = SampleGenerator(count: 20_000, duplicateRate: 0.1, seed: 3)
        var all: [SampleContact] = []
        while let c = g.next() { all.append(c) }
        return all
    }()

    @Test func nameFrequenciesAreSkewed() {
        var byName: [String: Int] = [:]
        for c in contacts { byName[c.lastName.lowercased(), default: 0] += 1 }
        let counts = byName.values.sorted(by: >)
        // A few surnames are very common (Smith ≈ 1 %), most are rare: a long tail.
        #expect(counts[0] > 100)
        #expect(counts.filter { $0 <= 2 }.count > counts.count / 3)
    }

    @Test func differentPeopleShareAddresses() {
        var holders: [String: Set<Int>] = [:]
        for c in contacts {
            for e in [c.email, c.email2] where !e.isEmpty { holders[e.lowercased(), default: []].insert(c.clusterID) }
        }
        let shared = holders.filter { $0.value.count > 1 }
        #expect(shared.count > 200)
        #expect(shared.keys.contains { $0.contains("family") })
        #expect(contacts.filter { $0.email.isEmpty }.count > contacts.count / 10)
    }

    @Test func sameNameDifferentPeopleExist() {
        var clustersByName: [String: Set<Int>] = [:]
        for c in contacts {
            clustersByName["\(c.firstName) \(c.lastName)".lowercased(), default: []].insert(c.clusterID)
        }
        #expect(clustersByName.values.filter { $0.count > 1 }.count > 100)
    }

    @Test func groundTruthIsConsistent() {
        var firstSeen: [Int: Int] = [:]
        for (i, c) in contacts.enumerated() {
            #expect(c.id == i)
            if let first = firstSeen[c.clusterID] {
                // A duplicate is a copy of its original: same surname up to a typo or case.
                let a = contacts[first].lastName.lowercased(), b = c.lastName.lowercased()
                #expect(a.prefix(1) == b.prefix(1) || a.count > 2)
            } else {
                firstSeen[c.clusterID] = i
                #expect(c.clusterID == firstSeen.count - 1)  // new people get the next number
            }
        }
    }
}
