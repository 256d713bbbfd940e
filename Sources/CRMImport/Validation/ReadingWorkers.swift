import Foundation

/// Threads that each read a batch from one shared reader, in turn, and then work on the batch
/// they read, handing the results back in reading order.
///
/// Why each thread reads its own batches rather than one thread reading for all: a record
/// read on one thread and mapped on another had its strings and arrays retained and released
/// on the second core, then freed on the first, and every such step moved their memory between
/// the cores' caches. On two cores that cost a tenth more CPU per record than one thread
/// doing everything; read, mapped and freed by one thread, a record stays in its cache.
///
/// Threads of their own rather than Dispatch's pool or Swift concurrency's: the caller blocks in
/// `next()` waiting for results, and blocking a cooperative thread while the work sits queued
/// on the same pool could starve it.
///
/// The reader is read by one thread at a time (`readerLock`); the state the threads and the
/// caller share is guarded by `condition`; hence `@unchecked Sendable`.
final class ReadingWorkers<Reader: SourceRecordReader, Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let readerLock = NSLock()
    private var reader: Reader
    private let batchSize: Int
    /// How many batches may be read and not yet delivered: a few, so any file size runs in flat
    /// memory whatever the caller does with the results.
    private let window: Int
    /// The number the next batch read gets; batches are delivered in this order.
    private var nextIndex = 0
    private var delivered = 0
    private var results: [Int: Output] = [:]
    /// Set once the reader has nothing more (or failed): how many batches there are in all.
    private var total: Int?
    private var failure: (any Error)?
    private var closed = false

    /// Starts `threads` threads that read from `reader` (after `first`, a batch the caller read
    /// already, which becomes the first result) and run the work `makeWork` makes, one per thread.
    /// `firstEnded`: the reader had nothing after `first`; `firstFailure`: it failed after it.
    init(
        reader: Reader, first: [ReadEvent], firstEnded: Bool, firstFailure: (any Error)?, batchSize: Int, threads: Int,
        makeWork: @escaping @Sendable () -> ([ReadEvent]) -> Output
    ) {
        self.reader = reader
        self.batchSize = batchSize
        self.window = 2 * max(1, threads)
        let firstBatch = first.isEmpty ? nil : first
        if firstBatch != nil { nextIndex = 1 }
        if firstEnded || firstFailure != nil {
            total = nextIndex
            failure = firstFailure
        }
        for number in 0..<max(1, threads) {
            // The caller's batch goes to the first thread, before it reads any.
            let handed = number == 0 ? firstBatch : nil
            let thread = Thread { [self] in self.serve(makeWork(), first: handed) }
            thread.name = "crmkit-validate"
            thread.start()
        }
    }

    /// The next batch's result in reading order; nil when all were delivered. Throws the
    /// reader's failure once every batch read before it was delivered.
    func next() throws -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let output = results.removeValue(forKey: delivered) {
                delivered += 1
                condition.broadcast()  // the window moved: a thread may read again
                return output
            }
            if let total, delivered >= total {
                if let failure {
                    self.failure = nil
                    throw failure
                }
                return nil
            }
            condition.wait()
        }
    }

    /// Stops the threads (each finishes the batch it is on) and hands back the reader as far
    /// as it was read.
    func close() -> Reader {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        readerLock.lock()
        defer { readerLock.unlock() }
        return reader
    }

    private func serve(_ work: ([ReadEvent]) -> Output, first: [ReadEvent]?) {
        if let first { post(work(first), at: 0) }
        while let (index, batch) = read() {
            post(work(batch), at: index)
        }
    }

    /// The next batch and its number, read under the reader's lock; nil when there is nothing
    /// more to read or the workers were closed.
    private func read() -> (Int, [ReadEvent])? {
        condition.lock()
        while !closed, total == nil, nextIndex >= delivered + window { condition.wait() }
        let stop = closed || total != nil
        condition.unlock()
        if stop { return nil }

        readerLock.lock()
        defer { readerLock.unlock() }
        // Numbered under the reader's lock, so numbers follow the order batches are read in.
        condition.lock()
        if closed || total != nil {
            condition.unlock()
            return nil
        }
        let index = nextIndex
        nextIndex += 1
        condition.unlock()

        var batch: [ReadEvent] = []
        let (ended, failure) = ValidationPipeline.readBatch(&reader, into: &batch, size: batchSize)
        if ended || failure != nil {
            condition.lock()
            total = batch.isEmpty ? index : index + 1
            self.failure = failure
            condition.broadcast()
            condition.unlock()
        }
        return batch.isEmpty ? nil : (index, batch)
    }

    private func post(_ output: Output, at index: Int) {
        condition.lock()
        results[index] = output
        condition.broadcast()
        condition.unlock()
    }
}
