import Foundation
import Testing
@testable import CRMSync

/// Review decisions written into the plan file: each reads back through `MergePlanReader` as the
/// plan `dedupe apply` will carry out, and undo puts the file back as it was.
@Suite struct MergePlanReviewTests {
    static func member(_ id: String, _ name: String, _ emails: [String], job: String? = nil) -> MergePlan.Member {
        MergePlan.Member(
            id: id, name: name, emails: emails, phones: [], updatedOn: nil, organization: nil, jobTitle: job,
            address: nil, createdOn: nil)
    }

    static func pair(_ a: String, _ b: String, _ probability: Double) -> MergePlan.Pair {
        MergePlan.Pair(
            records: [a, b], probability: probability, weight: 9.5, decision: "link",
            evidenceFor: ["email: same address +9.97"], evidenceAgainst: ["phone: different -3.60"], reasons: [])
    }

    /// Group 1: three records, link. Group 2: two records, review.
    static func writePlan() throws -> String {
        let plan = MergePlan(
            entity: "contacts", records: 5, threshold: 0.95,
            groups: [
                MergePlan.Group(
                    group: 1, band: "link", survivor: "1", survivorRule: "mostComplete",
                    members: [
                        member("1", "Ada Lovelace", ["ada@example.com"], job: "Countess"),
                        member("2", "Ada King", ["ada@home.example"], job: "Analyst"),
                        member("3", "A. Lovelace", ["ada@example.com"]),
                    ],
                    fields: [
                        MergePlan.FieldOutcome(
                            field: "emails", rule: "union", values: ["ada@example.com", "ada@home.example"],
                            from: ["1", "2"])
                    ],
                    pairs: [pair("1", "2", 0.99), pair("1", "3", 0.97)]),
                MergePlan.Group(
                    group: 2, band: "review", survivor: "4", survivorRule: "mostComplete",
                    members: [member("4", "Alan Turing", ["alan@example.com"]), member("5", "Alan Turing", [])],
                    fields: [], pairs: [pair("4", "5", 0.85)]),
            ])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("merges.yaml").path
        try MergePlanYAML.render(plan).write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func acceptAndRejectAreWhatApplyMergesAndSkips() throws {
        let path = try Self.writePlan()
        let review = try MergePlanReview(path: path)
        _ = try review.decide(.reject(group: 1))
        _ = try review.decide(.accept(group: 2))
        let saved = try MergePlanReader.load(path: path)
        #expect(saved.groups.map(\.band) == ["rejected", "link"])
        #expect(saved.groups.map(\.reviewed) == [true, true])
        #expect(saved.groupsToMerge.map(\.group) == [2])
        #expect(
            try String(contentsOfFile: path, encoding: .utf8).contains("    band: \"rejected\"\n    reviewed: true\n"))
        #expect(review.page(ReviewFilter(), offset: 0, limit: 10).left == 0)
    }

    @Test func survivorDropAndKeptValueAreSavedAndUndone() throws {
        let path = try Self.writePlan()
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let review = try MergePlanReview(path: path)
        _ = try review.decide(.survivor(group: 1, member: "2"))
        _ = try review.decide(.drop(group: 1, member: "3"))
        _ = try review.decide(.keep(group: 1, field: "jobTitle", member: "1"))
        let saved = try #require(MergePlanReader.load(path: path).groups.first)
        #expect(saved.survivor == "2")
        #expect(saved.survivorRule == "reviewer")
        #expect(saved.members.map(\.id) == ["1", "2"])
        #expect(saved.pairs.map(\.records) == [["1", "2"]])
        #expect(
            saved.fields.first { $0.field == "jobTitle" }
                == MergePlan.FieldOutcome(field: "jobTitle", rule: "reviewer", values: ["Countess"], from: ["1"]))
        #expect(saved.reviewed == nil)

        for _ in 0..<3 { #expect(try review.undo() != nil) }
        #expect(try review.undo() == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
    }

    @Test func aNewSurvivorKeepsWhatOnlyTheOldOneHad() throws {
        let review = try MergePlanReview(path: try Self.writePlan())
        let group = try review.decide(.survivor(group: 1, member: "3"))
        // Record 3 has no job title: the old survivor's comes along. Its e-mails already had an outcome.
        #expect(
            group.fields.first { $0.field == "jobTitle" }
                == MergePlan.FieldOutcome(field: "jobTitle", rule: "fillBlanks", values: ["Countess"], from: ["1"]))
        #expect(group.fields.first { $0.field == "name" } == nil)
        #expect(group.fields.filter { $0.field == "emails" }.count == 1)
    }

    @Test func impossibleDecisionsAreRefusedAndLeaveTheFileAlone() throws {
        let path = try Self.writePlan()
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let review = try MergePlanReview(path: path)
        #expect(throws: ReviewError.self) { try review.decide(.drop(group: 1, member: "1")) }  // the survivor
        #expect(throws: ReviewError.self) { try review.decide(.drop(group: 2, member: "5")) }  // would leave one
        #expect(throws: ReviewError.self) { try review.decide(.survivor(group: 1, member: "9")) }
        #expect(throws: ReviewError.self) { try review.decide(.keep(group: 1, field: "address", member: "2")) }
        // Has none.
        #expect(throws: ReviewError.self) { try review.decide(.keep(group: 2, field: "emails", member: "5")) }
        #expect(throws: ReviewError.self) { try review.decide(.accept(group: 7)) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
        #expect(!review.canUndo)
    }

    @Test func theListFiltersAndPages() throws {
        let review = try MergePlanReview(path: try Self.writePlan())
        #expect(review.page(ReviewFilter(band: "review"), offset: 0, limit: 10).items.map(\.group) == [2])
        #expect(review.page(ReviewFilter(minimumProbability: 0.9), offset: 0, limit: 10).items.map(\.group) == [1])
        #expect(review.page(ReviewFilter(maximumProbability: 0.9), offset: 0, limit: 10).items.map(\.group) == [2])
        let second = review.page(ReviewFilter(), offset: 1, limit: 1)
        #expect(second.total == 2 && second.items.map(\.group) == [2])
        #expect(second.items.first?.names == ["Alan Turing", "Alan Turing"])
        _ = try review.decide(.accept(group: 1))
        #expect(review.page(ReviewFilter(decided: false), offset: 0, limit: 10).items.map(\.group) == [2])
        #expect(review.page(ReviewFilter(decided: true), offset: 0, limit: 10).items.map(\.group) == [1])
    }

    @Test func anUnknownBandIsReportedWhereItWasTyped() throws {
        let path = try Self.writePlan()
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "band: \"review\"", with: "band: \"maybe\"")
        let error = try #require(throws: MergePlanError.self) { try MergePlanReader.parse(text, file: "merges.yaml") }
        #expect(error.message.contains("band \"maybe\""))
        #expect(error.line > 1)
    }
}

/// The line reader the review uses for large plans reads the writer's layout exactly as the
/// YAML reader does, and declines anything else so the YAML reader handles it.
@Suite struct MergePlanLineReaderTests {
    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-lines-\(UUID().uuidString).yaml"
        ).path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func readsTheWritersLayoutAsTheYAMLReaderDoes() throws {
        var plan = MergePlan(
            entity: "organizations", records: 9, threshold: 0.9,
            groups: [
                MergePlan.Group(
                    group: 3, band: "rejected", survivor: "a\"b", survivorRule: "reviewer",
                    members: [
                        MergePlanReviewTests.member("a\"b", "Zoë \\ \"Ångström\" 👩‍🔬: #1\nline\ttab", []),
                        MergePlan.Member(
                            id: "x/y", name: nil, emails: ["e@x.example", "é@x.example"], phones: ["+1 (202) 555-0100"],
                            updatedOn: "2026-01-01T00:00:00Z", organization: "Acme, Inc.", jobTitle: "CEO",
                            address: "1 Main St, 62701", createdOn: "2026-01-01"),
                    ],
                    fields: [MergePlan.FieldOutcome(field: "name", rule: "reviewer", values: ["\u{1}"], from: ["x/y"])],
                    pairs: [
                        MergePlan.Pair(
                            records: ["a\"b", "x/y"], probability: 0.8123, weight: -1.5e-3, decision: "review",
                            evidenceFor: nil, evidenceAgainst: [], reasons: ["shared address", "ünïcode"])
                    ]),
                MergePlan.Group(
                    group: 4, band: nil, survivor: "1", survivorRule: "mostComplete",
                    members: [
                        MergePlanReviewTests.member("1", "A", ["a@x"]), MergePlanReviewTests.member("2", "B", []),
                    ],
                    fields: [], pairs: []),
            ])
        plan.groups[0].reviewed = true
        let text = MergePlanYAML.render(plan)
        let path = try Self.write(text)
        let fast = try #require(MergePlanLineReader.load(path: path))
        #expect(fast == plan)
        #expect(fast == (try MergePlanReader.parse(text, file: path)))

        let empty = MergePlan(entity: "contacts", records: 0, threshold: 0.95, groups: [])
        #expect(MergePlanLineReader.load(path: try Self.write(MergePlanYAML.render(empty))) == empty)
    }

    @Test func declinesWhatTheWriterDoesNotWrite() throws {
        let path = try MergePlanReviewTests.writePlan()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edits = [
            text.replacingOccurrences(of: "    band: \"link\"", with: "    band: link"),  // plain scalar
            // Trailing comment.
            text.replacingOccurrences(of: "    band: \"link\"", with: "    band: \"link\"  # checked"),
            text.replacingOccurrences(of: "    survivor: \"1\"", with: "    survivor: \"9\""),  // not a member
            text.replacingOccurrences(of: "    band: \"link\"", with: "    band: \"maybe\""),
            text.replacingOccurrences(of: "        name: \"Ada King\"", with: "        nickname: \"Ada\""),
            text + "extra: 1\n",
        ]
        for edit in edits { #expect(MergePlanLineReader.load(path: try Self.write(edit)) == nil, "\(edit.prefix(0))") }
        // A plain scalar is still a valid plan: the review reads it through the YAML reader.
        let plain = try Self.write(edits[0])
        #expect(try MergePlanReview(path: plain).group(1)?.band == "link")
    }
}

/// The plan writer quotes strings exactly as `JSONEncoder` does, so plans written before and after
/// a review differ only where a decision changed them.
@Suite struct MergePlanQuotingTests {
    @Test func quotesLikeJSONEncoder() throws {
        var every = ""
        for byte in 0..<0x80 { every.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        for text in [every, "", "Zoë \\ \"Ångström\" 👩‍🔬 a/b", "\u{7f}\u{ad}\r\n"] {
            let encoded = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
            #expect(MergePlanYAML.quoted(text) == encoded)
        }
    }

    /// YAML reads U+0085, U+2028 and U+2029 inside a quoted string as line breaks (folded to a
    /// space): the writer escapes them, so a plan holding one reads back as written (a fuzz
    /// finding: a reason with U+0085 came back with a space).
    @Test func yamlLineBreakCharactersAreEscaped() throws {
        #expect(MergePlanYAML.quoted("a\u{85}b\u{2028}c\u{2029}d") == #""a\u0085b\u2028c\u2029d""#)
        let plan = MergePlan(
            entity: "contacts", records: 2, threshold: 0.95,
            groups: [
                MergePlan.Group(
                    group: 1, survivor: "1", survivorRule: "mostComplete",
                    members: [
                        MergePlan.Member(id: "1", name: "A\u{85}B", emails: [], phones: []),
                        MergePlan.Member(id: "2", name: "C\u{2028}D", emails: [], phones: []),
                    ],
                    fields: [], pairs: [])
            ])
        let again = try MergePlanReader.parse(MergePlanYAML.render(plan), file: "m.yaml")
        #expect(again.groups.first?.members.map(\.name) == ["A\u{85}B", "C\u{2028}D"])
    }
}
