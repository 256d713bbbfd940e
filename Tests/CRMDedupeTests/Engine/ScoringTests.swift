import Testing
@testable import CRMDedupe

@Suite struct ScoringTests {
    @Test func emSeparatesMatchesFromNonMatches() {
        // 100 matches agreeing on everything, 900 non-matches disagreeing on names and birth date.
        var match = ComparisonPattern()
        var nonMatch = ComparisonPattern()
        for field in [ComparisonField.givenName, .familyName, .birthDate] {
            match[field] = 0
            nonMatch[field] = UInt8(field.disagreeLevel)
        }
        var partial = nonMatch
        partial[.familyName] = 0
        let outcome = ExpectationMaximization().estimate(
            patterns: [match: 100, nonMatch: 800, partial: 100], start: FellegiSunterModel.priors)
        let model = outcome.model
        #expect(abs(model.lambda - 0.1) < 0.02)
        #expect(model.weight(.givenName, level: 0) > 3)
        #expect(model.weight(.givenName, level: 3) < -3)
        #expect(model.probability(match) > 0.99)
        #expect(model.probability(partial) < 0.01)
        #expect(ExpectationMaximization.implausibility(model, observed: [.givenName, .familyName, .birthDate]) == nil)
    }

    @Test func missingFieldsWeighNothing() {
        let model = FellegiSunterModel.priors
        #expect(model.weight(.email, level: nil) == 0)
        #expect(model.matchWeight(ComparisonPattern()) == model.priorWeight)
    }

    @Test func explanationListsFieldsWithWeights() throws {
        let records = [
            DedupeRecord(index: 0, givenName: "Ann", familyName: "Lee", emails: ["ann@x.com"], birthDate: "1980-01-02"),
            DedupeRecord(
                index: 1, givenName: "Anne", familyName: "Lee", emails: ["ann@x.com"], birthDate: "1980-01-02"),
        ]
        let result = DedupeEngine().run(records)
        #expect(result.clusters == [[0, 1]])
        let pair = try #require(result.links.first)
        let explanation = result.explain(pair)
        #expect(explanation.evidence.map(\.field) == ["givenName", "familyName", "birthDate", "email"])
        #expect(explanation.evidence.allSatisfy { $0.weight > 0 })
        #expect(explanation.description.contains("email: same address +"))
    }

    @Test func rulesAndThresholdAreConfigurable() {
        let records = [
            DedupeRecord(index: 0, givenName: "Ann", familyName: "Lee", emails: ["ann@x.com"]),
            DedupeRecord(index: 1, givenName: "Ann", familyName: "Lee", emails: ["ann@x.com"]),
        ]
        var configuration = DedupeConfiguration()
        configuration.scoring = .rules([
            MatchRule(name: "same e-mail and family name", conditions: [.email: 0, .familyName: 0])
        ])
        #expect(DedupeEngine(configuration: configuration).run(records).clusters == [[0, 1]])
        configuration.scoring = .rules([MatchRule(name: "needs a birth date", conditions: [.birthDate: 0])])
        #expect(DedupeEngine(configuration: configuration).run(records).clusters.isEmpty)
        var strict = DedupeConfiguration()
        strict.threshold = 1.0
        #expect(DedupeEngine(configuration: strict).run(records).clusters.isEmpty)
    }
}

@Suite struct ClusteringTests {
    @Test func weakBridgeDoesNotChainTwoGroups() {
        // 0,1,2 are one person, 4,5,6 another; 3 links weakly-enough to 2 and 4.
        let strong: Set<[Int]> = [[0, 1], [0, 2], [1, 2], [4, 5], [4, 6], [5, 6]]
        let bridge: Set<[Int]> = [[2, 3], [3, 4]]
        let clustering = AverageLinkageClustering(clusterThreshold: 0.5)
        let clusters = clustering.split(Array(0...6)) { i, j in
            let key = [min(i, j), max(i, j)]
            return strong.contains(key) ? 0.99 : (bridge.contains(key) ? 0.96 : 0.01)
        }
        #expect(!clusters.contains { $0.contains(0) && $0.contains(6) })
        #expect(clusters.contains { Set([0, 1, 2]).isSubset(of: $0) })
        #expect(clusters.contains { Set([4, 5, 6]).isSubset(of: $0) })
    }

    @Test func genuineClusterWithOneWeakPairStaysTogether() {
        let clusters = AverageLinkageClustering().split([0, 1, 2]) { i, j in (i, j) == (0, 2) ? 0.3 : 0.99 }
        #expect(clusters == [[0, 1, 2]])
    }

    /// One woman exported four times (a splink record): the copy with a broken e-mail is only a
    /// `review` pair with two others (names agree, nothing else does), yet all are linked through
    /// the rest.
    /// A review pair weighs its probability in the clusters, not nothing, so the copies stay one.
    @Test func reviewPairInsideLinkedGroupDoesNotSplitIt() {
        let records = [
            DedupeRecord(
                index: 0, givenName: "Julia", emails: ["hannah88@powers.com"], city: "London",
                birthDate: "2015-10-29"),
            DedupeRecord(
                index: 1, givenName: "Julia", familyName: "Taylor", emails: ["hannah88@powers.com"],
                city: "London", birthDate: "2015-07-31"),
            DedupeRecord(
                index: 2, givenName: "Julia", familyName: "Taylor", emails: ["hannah88@powers.com"],
                city: "London", birthDate: "2016-01-27"),
            DedupeRecord(
                index: 3, givenName: "Julia", familyName: "Taylor", emails: ["hannah88opowersc@m"],
                birthDate: "2015-10-29"),
            DedupeRecord(index: 4, givenName: "Oscar", familyName: "Reed", city: "Leeds", birthDate: "1970-02-02"),
            DedupeRecord(index: 5, givenName: "Ava", familyName: "Khan", city: "Bath", birthDate: "1988-09-12"),
        ]
        let result = DedupeEngine().run(records)
        #expect(result.clusters == [[0, 1, 2, 3]])
    }

    @Test func componentsOfLinks() {
        let components = AverageLinkageClustering.components(count: 6, links: [(0, 1), (1, 2), (4, 5)])
        #expect(components == [[0, 1, 2], [4, 5]])
    }
}
