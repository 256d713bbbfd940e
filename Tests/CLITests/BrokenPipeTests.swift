import CRMClient
import CRMModel
import CRMSupport
import Foundation
import Glibc
import Testing

/// A reader that stops early (`| head -1`) closes the pipe under crmkit; the command must end
/// quietly with exit 0, as `git` and `jq` do, whatever it was printing.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct BrokenPipeTests {
    /// Starts crmkit with stdout on a pipe, reads its first line, closes the pipe and waits.
    func firstLineThenClose(_ arguments: [String], in directory: URL) async throws -> (
        line: String, status: Int32, stderr: String
    ) {
        let binary = try #require(CLI.binary)
        let child = try ChildProcess(
            executable: binary.path, arguments: arguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path],
            directory: directory.path, output: .capture)
        return await OwnThread.run {
            let group = DispatchGroup()
            nonisolated(unsafe) var stderr = Data()
            OwnThread.start(group) { stderr = child.standardError?.readDataToEndOfFile() ?? Data() }
            var line = Data()
            if let stdout = child.standardOutput {
                var byte: UInt8 = 0
                while read(stdout.fileDescriptor, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
                try? stdout.close()
            }
            group.wait()
            let status = child.waitUntilExit()
            return (String(decoding: line, as: UTF8.self), status, String(decoding: stderr, as: UTF8.self))
        }
    }

    /// Enough contacts that their listing (over 100 KiB) is larger than a pipe's buffer (64 KiB).
    func addLongContacts(_ sandbox: CLISandbox) async throws {
        let client = try CRMClient(baseURL: sandbox.running.baseURL, apiKey: sandbox.key)
        let padding = String(repeating: "x", count: 200)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 1...500 {
                group.addTask { _ = try await client.contacts.create(Contact(name: "Contact \(index) \(padding)")) }
            }
            try await group.waitForAll()
        }
    }

    @Test(arguments: [["--json"], []])
    func listAllEndsQuietlyWhenTheReaderGoesAway(format: [String]) async throws {
        try await withCLISandbox { sandbox in
            try await addLongContacts(sandbox)
            let arguments =
                ["contacts", "list", "--all", "--size", "20"] + format
                + ["--base-url", sandbox.running.baseURL, "--api-key", sandbox.key]
            let result = try await firstLineThenClose(arguments, in: sandbox.directory)
            #expect(result.line.contains(format.isEmpty ? "NAME" : "Contact"))
            #expect(result.status == 0, "stderr: \(result.stderr.prefix(2000))")
            #expect(!result.stderr.contains("Fatal error"))
            #expect(!result.stderr.contains("error:"))
        }
    }

    @Test func readEndsQuietlyWhenTheReaderGoesAway() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "name,email\n"
        for index in 1...20_000 { csv += "Person \(index),person\(index)@example.com\n" }
        try csv.write(to: directory.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        let result = try await firstLineThenClose(["read", "people.csv"], in: directory)
        #expect(result.line.contains("Person 1"))
        #expect(result.status == 0, "stderr: \(result.stderr.prefix(2000))")
        #expect(result.stderr.isEmpty)
    }
}
