import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs work over `0..<count` split into contiguous chunks, one chunk per task, on all cores.
///
/// Every worker builds its own results array and hands it over once, under a lock, when its chunk
/// is done; the caller then concatenates the chunks in order. Nothing is shared mutably while the
/// workers run, so `body` is `@Sendable` and the compiler checks everything it captures: the
/// dedupe loops capture immutable arrays of `Sendable` records and read them directly.
enum Parallel {
    /// `body(i)` for every `i` in `0..<count`, in order. Runs serially when there are fewer than
    /// two chunks of `minimumChunk` items: below that, starting tasks costs more than it saves.
    /// `workers` is the cores' count; tests pass other counts to reach the parallel path anywhere.
    static func map<T: Sendable>(
        count: Int, minimumChunk: Int = 2048, workers: Int = ProcessInfoCores.count, _ body: @Sendable (Int) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, workers)
        let minimumChunk = max(1, minimumChunk)
        if count < minimumChunk * 2 || workers == 1 { return (0..<count).map(body) }
        let chunkCount = min(workers * 4, (count + minimumChunk - 1) / minimumChunk)
        let parts = runChunks(count: count, chunkCount: chunkCount) { range in range.map(body) }
        var results: [T] = []
        results.reserveCapacity(count)
        for part in parts { results.append(contentsOf: part) }
        return results
    }

    /// Runs `body` once per chunk of `0..<count` and returns the per-chunk results in order:
    /// for loops that keep running totals or keep only some items, where one result per item
    /// would be wasted.
    static func chunks<T: Sendable>(
        count: Int, minimumChunk: Int = 4096, workers: Int = ProcessInfoCores.count, _ body: @Sendable (Range<Int>) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, workers)
        let chunkCount = max(1, min(workers * 4, count / max(1, minimumChunk)))
        if chunkCount == 1 || workers == 1 {
            return (0..<chunkCount).map { body(chunkRange($0, of: chunkCount, count: count)) }
        }
        return runChunks(count: count, chunkCount: chunkCount, body)
    }

    /// The `chunk`th of `chunkCount` near-equal contiguous ranges covering `0..<count`.
    static func chunkRange(_ chunk: Int, of chunkCount: Int, count: Int) -> Range<Int> {
        (chunk * count / chunkCount)..<((chunk + 1) * count / chunkCount)
    }

    /// One task per chunk; each stores its result in its own slot when done.
    private static func runChunks<T: Sendable>(
        count: Int, chunkCount: Int, _ body: @Sendable (Range<Int>) -> T
    ) -> [T] {
        let slots = Mutex<[T?]>(Array(repeating: nil, count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let result = body(chunkRange(chunk, of: chunkCount, count: count))
            slots.withLock { $0[chunk] = result }
        }
        // concurrentPerform returns only after every chunk has run, so every slot is filled.
        return slots.withLock { $0.compactMap { $0 } }
    }
}

enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
            return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
            return 2
        #endif
    }()
}
