import Foundation

/// Blocking work of the tests — reading a child process's pipes, waiting for it to exit — on
/// threads of its own. Never on GCD's global queues nor in an async task: on Linux both draw on
/// about as many workers as there are cores, and the in-process sandboxes answer requests on those
/// same workers. A test holding them while a child process talks to an in-process sandbox stalls
/// every other test until their requests time out.
enum OwnThread {
    /// Runs `work` on a new thread and waits for its result without holding a worker.
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    /// Starts `work` on a new thread; `group` (if any) is left when it ends.
    static func start(_ group: DispatchGroup? = nil, _ work: @escaping @Sendable () -> Void) {
        group?.enter()
        Thread {
            work()
            group?.leave()
        }.start()
    }
}
