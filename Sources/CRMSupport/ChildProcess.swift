import Foundation
import Glibc
import Synchronization

/// A child process started with `posix_spawn`, for the few places crmkit runs a program (git for
/// the schema history) and for the tests, which start hundreds of `crmkit` processes.
/// Foundation's `Process.run()` on Linux (Swift 6.3.1) intermittently crashes the calling
/// process: it over-reads a `dirent` while listing `/proc/self/fd`
/// (swift-corelibs-foundation#5472). Output pipes are close-on-exec in this process (made and
/// marked under one lock with the spawn), so a child started concurrently never holds another
/// child's pipe open. The working directory is set by `env -C` (glibc's `addchdir_np` is not
/// visible to Swift).
public final class ChildProcess: Sendable {
    private static let spawnLock = NSLock()

    public enum Output: Sendable { case discard, capture }

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    public let pid: pid_t
    /// Read ends of the child's stdout and stderr, when captured.
    public let standardOutput: FileHandle?
    public let standardError: FileHandle?
    /// The child's wait status once it has been reaped. Any thread may ask whether the child runs
    /// or wait for it, and a child can be reaped only once.
    private let waitStatus = Mutex<Int32?>(nil)

    /// Starts `executable` (an absolute path) in `directory` with exactly `environment`; stdin is
    /// /dev/null.
    public init(
        executable: String, arguments: [String], environment: [String: String], directory: String, output: Output
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        switch output {
        case .discard:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        case .capture:
            break
        }
        let argv = (["/usr/bin/env", "-C", directory, executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        Self.spawnLock.lock()
        if output == .capture {
            guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
                Self.spawnLock.unlock()
                throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))")
            }
            for descriptor in outPipe + errPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        }
        let result = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        Self.spawnLock.unlock()
        if output == .capture {
            close(outPipe[1])
            close(errPipe[1])
        }
        guard result == 0 else {
            if output == .capture {
                close(outPipe[0])
                close(errPipe[0])
            }
            throw SpawnError(description: "posix_spawn \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        standardOutput = output == .capture ? FileHandle(fileDescriptor: outPipe[0], closeOnDealloc: true) : nil
        standardError = output == .capture ? FileHandle(fileDescriptor: errPipe[0], closeOnDealloc: true) : nil
    }

    /// Whether the child has not exited yet (reaps it when it has).
    public var isRunning: Bool {
        waitStatus.withLock { waitStatus in
            if waitStatus != nil { return false }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { waitStatus = status }
            return result == 0
        }
    }

    /// Blocks until the child exits; answers its exit code (128 + signal when killed).
    @discardableResult
    public func waitUntilExit() -> Int32 {
        if let code = waitStatus.withLock({ $0.map(Self.exitCode) }) { return code }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return waitStatus.withLock { waitStatus in
            if waitStatus == nil { waitStatus = status }
            return waitStatus.map(Self.exitCode) ?? -1
        }
    }

    public func kill(_ signal: Int32 = SIGKILL) {
        if isRunning { Glibc.kill(pid, signal) }
    }

    static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

extension ChildProcess {
    /// Runs a program to its end and answers its exit code and standard output (stderr dropped).
    public static func output(
        of executable: String, _ arguments: [String], in directory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (status: Int32, stdout: Data) {
        let child = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment, directory: directory,
            output: .capture)
        let errors = child.standardError
        DispatchQueue.global().async { _ = errors?.readDataToEndOfFile() }
        let stdout = child.standardOutput?.readDataToEndOfFile() ?? Data()
        return (child.waitUntilExit(), stdout)
    }
}
