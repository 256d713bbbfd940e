import Foundation

/// An exclusive lock on a run directory (`flock` on `RUN/lock`), held while a run is applied,
/// resumed or rolled back: two processes working on one run would each send the creates the
/// other has not journaled yet. Released when the value goes away (or the process dies: the
/// kernel drops `flock` locks with the descriptor, so a killed run never leaves a stale lock).
public final class RunLock: Sendable {
    private let descriptor: Int32

    public init(_ run: ImportRunDirectory) throws {
        let path = run.url.appendingPathComponent("lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw RunError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder =
                (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? ""
            close(descriptor)
            throw RunError(
                "run \(run.name) is being applied by another crmkit "
                    + "process\(holder.isEmpty ? "" : " (pid \(holder))"); "
                    + "wait for it to finish, or stop it, then run the command again")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
