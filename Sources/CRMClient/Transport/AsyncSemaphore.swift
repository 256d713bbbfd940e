import Synchronization

/// A counting semaphore for async code: waiting suspends the task instead of blocking a thread.
/// It bounds how many requests a transport has in flight.
final class AsyncSemaphore: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
        var firstWaiter = 0
    }

    private let state: Mutex<State>

    init(value: Int) { state = Mutex(State(available: value)) }

    func wait() async {
        let acquired = state.withLock { state -> Bool in
            guard state.available > 0 else { return false }
            state.available -= 1
            return true
        }
        if acquired { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.available > 0 {
                    state.available -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.firstWaiter < state.waiters.count else {
                state.available += 1
                return nil
            }
            let waiter = state.waiters[state.firstWaiter]
            state.firstWaiter += 1
            if state.firstWaiter == state.waiters.count {
                state.waiters.removeAll(keepingCapacity: true)
                state.firstWaiter = 0
            }
            return waiter
        }
        waiter?.resume()
    }
}
