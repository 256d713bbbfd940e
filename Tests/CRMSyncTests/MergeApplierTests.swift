import CRMClient
import CRMModel
import CRMSandbox
import CRMTestSupport
import Foundation
import Testing
@testable import CRMSync

/// `MergeApplier` against an in-process sandbox: interrupted runs resume to the same end state
/// and no group is merged twice.
@Suite struct MergeApplierTests {
    func withSandbox(_ body: (CRMClient, URL) async throws -> Void) async throws {
        try await withLoopbackSandbox { sandbox in try await body(sandbox.client, sandbox.directory) }
    }

    /// Two people entered twice each; answers the scan's plan (two groups).
    func seededPlan(_ client: CRMClient) async throws -> MergePlan {
        let people = [
            ("Ada Lovelace", "ada@example.com", "ada@home.example"),
            ("Alan Turing", "alan@example.com", "alan@home.example"),
        ]
        for (name, work, home) in people {
            _ = try await client.contacts.create(
                Contact(
                    name: name, email: [LabeledValue(value: work)], phone: [LabeledValue(value: "+44 20 7946 0000")]))
            _ = try await client.contacts.create(
                Contact(
                    name: name, email: [LabeledValue(value: work.uppercased()), LabeledValue(value: home)],
                    phone: [LabeledValue(value: "+44 20 7946 0000")]))
        }
        let plan = try await DuplicateScan(configuration: .init()).contacts(client)
        try #require(plan.groups.count == 2)
        return plan
    }

    func expectOneRecordPerPerson(_ client: CRMClient) async throws {
        let contacts = try await client.contacts.list().collect()
        #expect(contacts.count == 2)
        for contact in contacts {
            let emails = Set((contact.email ?? []).compactMap(\.value).map { $0.lowercased() })
            #expect(emails.count == 2, "\(contact.fields)")
        }
    }

    @Test func anInterruptedRunResumesWithTheSameFiles() async throws {
        try await withSandbox { client, directory in
            let plan = try await seededPlan(client)
            let files = try MergeRunFiles(directory: directory.appendingPathComponent("run"))
            let first = try await MergeApplier(plan: plan, files: files, stopAfterGroups: 1).apply(client)
            #expect(first == [.merged])
            #expect(try await client.contacts.list().collect().count == 3)
            // A new process reads the journal back from disk.
            let reopened = try MergeRunFiles(directory: directory.appendingPathComponent("run"))
            let second = try await MergeApplier(plan: plan, files: reopened).apply(client)
            #expect(second == [.alreadyDone, .merged])
            try await expectOneRecordPerPerson(client)
            let journal = try String(contentsOf: directory.appendingPathComponent("run/journal.jsonl"), encoding: .utf8)
            #expect(journal.components(separatedBy: "\"step\":\"merged\"").count - 1 == 2)
        }
    }

    @Test func aMergeWhoseOutcomeIsUnknownIsCheckedNotSentAgain() async throws {
        try await withSandbox { client, directory in
            let plan = try await seededPlan(client)
            let run = directory.appendingPathComponent("run")
            _ = try await MergeApplier(plan: plan, files: try MergeRunFiles(directory: run), stopAfterGroups: 1).apply(
                client)
            // Crash after the merge request went out but before its answer was journaled.
            let journal = run.appendingPathComponent("journal.jsonl")
            let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").filter {
                !$0.contains("\"merged\"")
            }
            try (lines.joined(separator: "\n") + "\n").write(to: journal, atomically: true, encoding: .utf8)
            let resumed = try await MergeApplier(plan: plan, files: try MergeRunFiles(directory: run)).apply(client)
            #expect(resumed == [.merged, .merged])
            try await expectOneRecordPerPerson(client)
        }
    }

    @Test func aRecordChangedSinceThePlanRefusesItsGroup() async throws {
        try await withSandbox { client, directory in
            let plan = try await seededPlan(client)
            let member = try #require(plan.groups.first?.members.last?.id)
            var patch = Contact()
            patch.jobTitle = "Countess"
            _ = try await client.contacts.update(.init(member), patch)
            let results = try await MergeApplier(
                plan: plan, files: try MergeRunFiles(directory: directory.appendingPathComponent("run"))
            ).apply(client)
            #expect(results.first == .refused("record \(member) changed since the plan was written; scan again"))
            #expect(results.last == .merged)
            #expect(try await client.contacts.list().collect().count == 3)
        }
    }
}
