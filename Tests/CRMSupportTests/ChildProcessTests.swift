import CRMSupport
import Foundation
import Testing

/// The posix_spawn child process that replaces Foundation's `Process` (see its doc comment).
@Suite struct ChildProcessTests {
    @Test func outputExitCodeAndWorkingDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.path
        let (status, stdout) = try ChildProcess.output(
            of: "/bin/sh", ["-c", "pwd; echo \"$GREETING\"; echo oops >&2; exit 3"], in: directory,
            environment: ["GREETING": "hello"])
        #expect(status == 3)
        let lines = String(decoding: stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(
            lines.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                == URL(fileURLWithPath: directory).resolvingSymlinksInPath().path)
        #expect(lines.last == "hello")
    }

    @Test func aKilledChildReportsTheSignal() throws {
        let child = try ChildProcess(
            executable: "/bin/sleep", arguments: ["30"], environment: [:], directory: "/", output: .discard)
        #expect(child.isRunning)
        child.kill()
        #expect(child.waitUntilExit() == 128 + SIGKILL)
        #expect(!child.isRunning)
    }

    @Test func aMissingProgramIsAnErrorOrExit127() throws {
        // `env` starts, then cannot find the program: exit 127, as a shell would say.
        let (status, _) = try ChildProcess.output(of: "/no/such/program", [], in: "/")
        #expect(status == 127)
    }
}
