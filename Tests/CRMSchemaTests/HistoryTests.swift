import CRMModel
import CRMSupport
import Foundation
import Testing

@testable import CRMSchema

@Suite struct HistoryTests {
    /// Runs git in `directory` with a throwaway identity; returns its trimmed stdout.
    @discardableResult
    func git(_ arguments: [String], in directory: URL) throws -> String {
        let (status, data) = try ChildProcess.output(
            of: "/usr/bin/env",
            ["git", "-C", directory.path, "-c", "user.name=crmkit", "-c", "user.email=crmkit@example.invalid"]
                + arguments,
            in: directory.path)
        try #require(status == 0, "git \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func applyRecordsTheGitCommitOfTheDirectory() async throws {
        let folder = try TemporaryDirectory()
        let remote = FakeSchemaRemote()
        let directory = SchemaDirectory(path: folder.path)
        let engine = SchemaEngine(remote: remote, directory: directory)
        try await engine.pull()
        try editSpec(directory) { spec in spec.editTags(.lead) { $0 = [TagSpec(label: "hot")] } }
        try git(["init", "-q"], in: folder.url)
        try git(["add", "-A"], in: folder.url)
        try git(["commit", "-q", "-m", "tags"], in: folder.url)
        let head = try git(["rev-parse", "HEAD"], in: folder.url)

        try await engine.apply(options: ApplyOptions())
        let entries = try HistoryLog(directory: directory.url, commit: nil).entries()
        #expect(entries.map(\.commit) == [head])
        #expect(entries.map(\.action) == ["create"])
        #expect(entries.map(\.instance) == ["fake-instance"])
    }

    @Test func outsideGitThereIsNoCommit() throws {
        let folder = try TemporaryDirectory()
        #expect(GitRevision.head(of: folder.url) == nil)
    }
}
