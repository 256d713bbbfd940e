import Foundation
import Synchronization

/// Threads that work on batches of read events handed to them whole, and hand each batch's
/// result back by its number, so the caller can take results in reading order.
///
/// The caller reads (a reader belongs to one thread) and submits a few batches ahead; a batch
/// of CSV records is one buffer (`CSVRowBatch`) plus a small array, so handing it to another
/// core moves little.
///
/// Threads of their own rather than Dispatch's pool or Swift concurrency's: the caller blocks in
/// `result(_:)`, and blocking a cooperative thread while the work sits queued on the same pool
/// could starve it.
///
/// The queue and results are in `state`, changed only while `signal` is locked too, so that a
/// thread can wait on `signal` for a change.
final class BatchWorkers<Output: Sendable>: Sendable {
    private let signal = NSCondition()
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var queue: [(index: Int, events: [ReadEvent])] = []
        var results: [Int: Output] = [:]
        var closed = false
    }

    /// Starts `threads` threads, each running the work `makeWork` makes on the batches it takes.
    init(threads: Int, makeWork: @escaping @Sendable () -> ([ReadEvent]) -> Output) {
        for _ in 0..<max(1, threads) {
            let thread = Thread { [self] in self.serve(makeWork()) }
            thread.name = "crmkit-validate"
            thread.start()
        }
    }

    /// Queues batch number `index`.
    func submit(_ events: [ReadEvent], index: Int) {
        signal.lock()
        state.withLock { $0.queue.append((index, events)) }
        signal.broadcast()
        signal.unlock()
    }

    /// The result of batch `index`, once a thread has made it.
    func result(_ index: Int) -> Output {
        signal.lock()
        defer { signal.unlock() }
        while true {
            if let output = state.withLock({ $0.results.removeValue(forKey: index) }) { return output }
            signal.wait()
        }
    }

    /// Stops the threads once each has finished the batch it is on; queued batches are dropped.
    func close() {
        signal.lock()
        state.withLock {
            $0.closed = true
            $0.queue.removeAll()
        }
        signal.broadcast()
        signal.unlock()
    }

    private func serve(_ work: ([ReadEvent]) -> Output) {
        while let (index, events) = take() {
            let output = work(events)
            signal.lock()
            state.withLock { $0.results[index] = output }
            signal.broadcast()
            signal.unlock()
        }
    }

    private enum Taken {
        case batch((index: Int, events: [ReadEvent]))
        case nothingYet
        case closed
    }

    /// The oldest queued batch; nil once closed.
    private func take() -> (Int, [ReadEvent])? {
        signal.lock()
        defer { signal.unlock() }
        while true {
            let next = state.withLock { state -> Taken in
                if state.closed { return .closed }
                if state.queue.isEmpty { return .nothingYet }
                return .batch(state.queue.removeFirst())
            }
            switch next {
            case .closed: return nil
            case .batch(let batch): return batch
            case .nothingYet: signal.wait()
            }
        }
    }
}
