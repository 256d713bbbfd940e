import Dispatch

/// Runs `body` over `count` items split into contiguous chunks, one chunk per task, on all cores.
///
/// Each chunk writes only its own slice of the output, so the unchecked-Sendable buffer is never
/// written concurrently at the same index.
///
/// `body` need not be `@Sendable`, so the boxes stay unchecked: the dedupe pair loops borrow
/// records through buffer pointers (reading them from an `Array` copies each record, a
/// reference-count update per field, which at millions of pairs outweighs the comparison), and
/// a buffer pointer cannot be captured by a checked `@Sendable` closure.
enum Parallel {
    static func map<T: Sendable>(count: Int, minimumChunk: Int = 2048, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, ProcessInfoCores.count)
        if count < minimumChunk * 2 || workers == 1 { return (0..<count).map(body) }
        let chunks = min(workers * 4, (count + minimumChunk - 1) / minimumChunk)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let box = UnsafeBufferBox(buffer: buffer)
            withoutActuallyEscaping(body) { body in
                let bodyBox = UncheckedBox(value: body)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = chunk * count / chunks
                    let end = (chunk + 1) * count / chunks
                    guard let base = box.buffer.baseAddress else { return }
                    for i in start..<end { (base + i).initialize(to: bodyBox.value(i)) }
                }
            }
            initialized = count
        }
    }

    /// Runs `body` once per chunk of `0..<count` and returns the per-chunk results in order.
    static func chunks<T: Sendable>(count: Int, minimumChunk: Int = 4096, _ body: (Range<Int>) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, ProcessInfoCores.count)
        let chunkCount = max(1, min(workers * 4, count / minimumChunk))
        let ranges = (0..<chunkCount).map { c in (c * count / chunkCount)..<((c + 1) * count / chunkCount) }
        return map(count: chunkCount, minimumChunk: 1) { body(ranges[$0]) }
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

#if canImport(Glibc)
    import Glibc
#endif

struct UnsafeBufferBox<T>: @unchecked Sendable { let buffer: UnsafeMutableBufferPointer<T> }
struct UncheckedBox<T>: @unchecked Sendable { let value: T }
