import Synchronization
import Testing

@testable import CRMDedupe

/// `Parallel` splits work into chunks run on several threads and puts the results back together;
/// the dedupe stages rely on it returning exactly what a serial loop would, in the same order.
@Suite struct ParallelTests {
    /// A value that differs for every index and is not monotonic, so a chunk out of place shows.
    private static func scrambled(_ i: Int) -> UInt64 { UInt64(i) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(i >> 3) }

    @Test(
        "map returns body(i) for every i, in order, at every size around the chunking thresholds",
        arguments: [0, 1, 2, 31, 32, 33, 63, 64, 65, 1000, 10_007])
    func mapKeepsOrder(count: Int) {
        for workers in [1, 2, 3, 8] {
            let result = Parallel.map(count: count, minimumChunk: 16, workers: workers) { Self.scrambled($0) }
            #expect(result == (0..<count).map(Self.scrambled), "count \(count), workers \(workers)")
        }
    }

    @Test("map calls body exactly once per index, also when it runs in parallel")
    func mapCallsBodyOncePerIndex() {
        let count = 5000
        let calls = Mutex([Int](repeating: 0, count: count))
        let result = Parallel.map(count: count, minimumChunk: 7, workers: 4) { i in
            calls.withLock { $0[i] += 1 }
            return i
        }
        #expect(result == Array(0..<count))
        #expect(calls.withLock { $0.allSatisfy { $0 == 1 } })
    }

    @Test(
        "chunks cover 0..<count with contiguous ranges in order, at most four per worker",
        arguments: [0, 1, 15, 16, 17, 100, 4099])
    func chunksCoverTheRange(count: Int) {
        for workers in [1, 2, 5] {
            let ranges = Parallel.chunks(count: count, minimumChunk: 16, workers: workers) { $0 }
            if count == 0 {
                #expect(ranges.isEmpty)
                continue
            }
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == count)
            for (previous, next) in zip(ranges, ranges.dropFirst()) {
                #expect(previous.upperBound == next.lowerBound, "count \(count), workers \(workers)")
            }
            #expect(ranges.count <= max(1, workers * 4))
            // Below one minimum chunk the work is not split at all.
            if count < 16 { #expect(ranges.count == 1) }
            if count >= 16 * 2 * workers { #expect(ranges.count >= workers) }
        }
    }

    @Test("chunk boundaries do not depend on the number of threads that happen to run them")
    func chunkBoundariesAreFixedBySizes() {
        let ranges = Parallel.chunks(count: 100_000, minimumChunk: 8192, workers: 2) { $0 }
        let expected = (0..<8).map { Parallel.chunkRange($0, of: 8, count: 100_000) }
        #expect(ranges == expected)
        #expect(expected.map(\.count).reduce(0, +) == 100_000)
        #expect(expected.allSatisfy { $0.count == 12_500 })
    }

    @Test("a per-chunk total computed in parallel equals the serial total")
    func chunkTotalsAddUp() {
        let count = 123_457
        let totals = Parallel.chunks(count: count, minimumChunk: 1000, workers: 3) { range in
            range.reduce(UInt64(0)) { $0 &+ Self.scrambled($1) }
        }
        #expect(totals.reduce(0, &+) == (0..<count).reduce(UInt64(0)) { $0 &+ Self.scrambled($1) })
    }
}
