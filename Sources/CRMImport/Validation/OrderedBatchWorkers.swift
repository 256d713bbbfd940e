import Foundation

/// Runs one pure function on batches on a few threads of its own and hands the results back in
/// the order the batches were submitted, so that a caller reading a file on one thread can let
/// mapping and validation use the other cores and still report and write rejects in file order.
///
/// Threads of its own rather than Dispatch's pool or Swift concurrency's: the caller blocks in
/// `next()` waiting for results, and blocking a cooperative thread while the work sits queued
/// on the same pool could starve it.
///
/// `submit`, `next` and `close` are for one caller thread; the state they share with the
/// workers is guarded by `condition`, hence `@unchecked Sendable`.
final class OrderedBatchWorkers<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [(index: Int, input: Input)] = []
    private var queueHead = 0
    private var results: [Int: Output] = [:]
    private var closed = false
    /// Caller side only: batches submitted, and results handed back.
    private var submitted = 0
    private var delivered = 0

    /// `makeWork` runs once on each thread, so that each can work on data of its own.
    init(threads: Int, makeWork: @escaping @Sendable () -> (Input) -> Output) {
        for _ in 0..<max(1, threads) {
            let thread = Thread { [self] in self.serve(makeWork()) }
            thread.name = "crmkit-validate"
            thread.start()
        }
    }

    /// Batches submitted whose results have not been taken yet.
    var pending: Int { submitted - delivered }

    func submit(_ input: Input) {
        condition.lock()
        queue.append((submitted, input))
        condition.signal()
        condition.unlock()
        submitted += 1
    }

    /// The result of the oldest batch not yet taken, waiting for it; nil when none is pending.
    func next() -> Output? {
        guard delivered < submitted else { return nil }
        condition.lock()
        defer { condition.unlock() }
        while results[delivered] == nil { condition.wait() }
        let output = results.removeValue(forKey: delivered)
        delivered += 1
        return output
    }

    /// Stops the threads once they finish the batch in hand; queued batches are dropped.
    func close() {
        condition.lock()
        closed = true
        queue.removeAll()
        queueHead = 0
        condition.broadcast()
        condition.unlock()
    }

    private func serve(_ work: (Input) -> Output) {
        while true {
            condition.lock()
            while queueHead == queue.count && !closed { condition.wait() }
            if closed {
                condition.unlock()
                return
            }
            let (index, input) = queue[queueHead]
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
            }
            condition.unlock()
            let output = work(input)
            condition.lock()
            results[index] = output
            condition.broadcast()
            condition.unlock()
        }
    }
}
