import Foundation
import Testing

/// On a terminal (given by `script`, which runs crmkit on a pseudo-terminal) the table heading is
/// bold, unless NO_COLOR is set.
@Suite(
    .enabled(if: CLI.binary != nil, CLI.missingReason),
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux `script` is not installed"))
struct TerminalOutputTests {
    func onTerminal(_ sandbox: CLISandbox, noColor: Bool) async throws -> CLI.Result {
        let binary = try #require(CLI.binary)
        let command = "\(binary.path) pipelines list --base-url \(sandbox.running.baseURL) --api-key \(sandbox.key)"
        return try await CLI.run(
            program: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
            environment: noColor ? ["NO_COLOR": "1", "TERM": "xterm"] : ["TERM": "xterm"], in: sandbox.directory)
    }

    @Test func boldHeadingOnATerminalAndNoneWithNoColor() async throws {
        try await withCLISandbox { sandbox in
            let coloured = try await onTerminal(sandbox, noColor: false)
            #expect(coloured.status == 0)
            #expect(coloured.stdout.contains("\u{1B}[1mID"))
            #expect(coloured.stdout.contains("Sales Pipeline"))
            let plain = try await onTerminal(sandbox, noColor: true)
            #expect(plain.status == 0)
            #expect(plain.stdout.contains("Sales Pipeline"))
            #expect(!plain.stdout.contains("\u{1B}["))
        }
    }
}
