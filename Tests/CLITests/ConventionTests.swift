import CRMModel
import CRMSupport
import Foundation
import Testing

/// Conventions every command follows: suggestions for misspelt commands, completion scripts,
/// `--yes` on every command that changes the CRM, and a clear word for a server that is not it.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ConventionTests {
    let scratch = FileManager.default.temporaryDirectory

    @Test func misspeltSubcommandsGetASuggestion() async throws {
        let top = try await CLI.run(["contcts", "list"], in: scratch)
        #expect(top.status == 64)
        #expect(top.stderr == "error: 'contcts' is not a crmkit command; did you mean 'contacts'?\n")
        let nested = try await CLI.run(["schema", "plna"], in: scratch)
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("error: 'plna' is not a crmkit schema command; did you mean 'plan'?"))
        let far = try await CLI.run(["xyzzy"], in: scratch)
        #expect(far.status == 64)
        #expect(!far.stderr.contains("did you mean"))
        #expect(far.stderr.contains("the commands are: read, sample, schema"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) async throws {
        let result = try await CLI.run(["completion", shell], in: scratch)
        #expect(result.status == 0)
        #expect(result.stdout.contains("crmkit"))
        #expect(result.stdout.contains("bulk-delete"))
        #expect(result.stdout.count > 1000)
    }

    /// Every command that changes the CRM takes --yes, so scripts can pass it alike.
    @Test func everyMutatingCommandAcceptsYes() async throws {
        let commands = [
            ["contacts", "create"], ["contacts", "update"], ["contacts", "delete"], ["contacts", "merge"],
            ["organizations", "delete"], ["leads", "archive"], ["leads", "unarchive"], ["leads", "convert"],
            ["opportunities", "set-status"], ["opportunities", "set-stage"], ["cases", "delete"],
            ["forms", "put"], ["tags", "create"], ["tags", "update"], ["tags", "delete"],
            ["case-types", "create"], ["case-types", "update"], ["case-types", "delete"], ["bulk-delete"],
            ["import"], ["apply"], ["runs", "resume"], ["runs", "retry-failed"], ["runs", "rollback"],
            ["schema", "apply"], ["dedupe", "apply"],
        ]
        for command in commands {
            let help = try await CLI.run(command + ["--help"], in: scratch)
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("--yes"), "\(command.joined(separator: " ")) does not take --yes")
        }
    }
}

/// A base URL that is a plain web server (here Python's http.server, which answers 404 with an
/// HTML page) is named as not the CRM API, with what was expected.
@Suite(
    .enabled(if: CLI.binary != nil, CLI.missingReason),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is not installed"))
struct NotTheCRMCommandTests {
    @Test func aPlainWebServerIsNamedAsNotTheCRM() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ChildProcess(
            executable: "/usr/bin/python3", arguments: ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
            environment: ["PATH": "/usr/bin:/bin"], directory: directory.path, output: .capture)
        defer { server.kill() }
        let port = try #require(await OwnThread.run { Self.port(announcedBy: server) })
        let result = try await CLI.run(
            ["contacts", "get", "7", "--base-url", "http://127.0.0.1:\(port)", "--api-key", "some-key-0123456789"],
            in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("GET /directory/contacts/7: HTTP 404 with an HTML page (text/html)"))
        #expect(result.stderr.contains("does not answer like the CRM API"))
        #expect(result.stderr.contains("--base-url"))
        #expect(!result.stderr.contains("Nothing exists at that id"))
    }

    /// The port in http.server's first line, "Serving HTTP on 127.0.0.1 port 41234 (…) ...".
    static func port(announcedBy server: ChildProcess) -> Int? {
        guard let stdout = server.standardOutput else { return nil }
        var line = Data()
        var byte: UInt8 = 0
        while read(stdout.fileDescriptor, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard let index = words.firstIndex(of: "port"), index + 1 < words.count else { return nil }
        return Int(words[index + 1])
    }
}

/// On a terminal (given by `script`), a destructive command asks and does nothing unless the
/// answer is `yes`.
@Suite(
    .enabled(if: CLI.binary != nil, CLI.missingReason),
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux `script` is not installed"))
struct ConfirmationOnATerminalTests {
    func bulkDelete(_ id: String, answering answer: String, _ sandbox: CLISandbox) async throws -> CLI.Result {
        let binary = try #require(CLI.binary)
        let command =
            "\(binary.path) bulk-delete contacts --ids \(id) --base-url "
            + "\(sandbox.running.baseURL) --api-key \(sandbox.key)"
        return try await CLI.run(
            program: URL(fileURLWithPath: "/bin/sh"), ["-c", "echo \(answer) | script -qec '\(command)' /dev/null"],
            environment: ["TERM": "dumb"], in: sandbox.directory)
    }

    @Test func bulkDeleteAsksAndOnlyYesGoesAhead() async throws {
        try await withCLISandbox { sandbox in
            let created = try await sandbox.json(["contacts", "create", "--data", #"{"name": "Kept"}"#])
            let id = try #require(created["id"] as? String)
            let declined = try await bulkDelete(id, answering: "no", sandbox)
            #expect(declined.status == 0)
            #expect(declined.stdout.contains("Delete 1 contacts (\(id))? Type 'yes' to continue:"))
            #expect(declined.stdout.contains("Cancelled; nothing was changed."))
            #expect(try await sandbox.json(["contacts", "list"])["total"] as? Int == 1)
            let accepted = try await bulkDelete(id, answering: "yes", sandbox)
            #expect(accepted.status == 0)
            #expect(accepted.stdout.contains("Deleted 1 contacts: \(id)"))
            #expect(try await sandbox.json(["contacts", "list"])["total"] as? Int == 0)
        }
    }
}
