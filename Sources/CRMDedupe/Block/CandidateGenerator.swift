/// What blocking did, per key: how many blocks, how big the largest was, how many were too big
/// to compare in full, and how many pairs each key contributed before de-duplication.
public struct BlockingStatistics: Sendable, Codable, Hashable {
    public struct KeyFigures: Sendable, Codable, Hashable {
        public var key: String
        public var blocks: Int
        public var largestBlock: Int
        public var oversizedBlocks: Int
        public var pairs: Int
    }
    public var keys: [KeyFigures]
    /// Distinct pairs after merging all keys: the number of comparisons made.
    public var candidatePairs: Int
    /// E-mails and phones carried by more records than `sharedIdentifierThreshold`.
    public var sharedIdentifiers: Int
}

/// Produces candidate pairs from blocking keys.
///
/// Blocks of up to `maxBlockSize` records are compared in full. A larger block — a switchboard
/// number, a common name in one postcode — is not dropped (that would hide its duplicates) nor
/// compared in full (that is quadratic): its records are sorted by the fields the key does not
/// already hold equal (`BlockingKey.windowOrder`: a block of John Smiths by postcode and street,
/// a postcode's block by name) and each is compared with the next `oversizedWindow` records (a
/// sorted-neighbourhood pass). That keeps the cost linear in the block and puts a duplicate next
/// to its original, since the two agree on those fields too. An e-mail or phone
/// carried by more than `sharedIdentifierThreshold` records is also marked shared, so agreeing on it
/// carries no weight.
public struct CandidateGenerator: Sendable {
    public var keys: [BlockingKey]
    public var maxBlockSize: Int
    public var oversizedWindow: Int
    public var sharedIdentifierThreshold: Int

    public init(
        keys: [BlockingKey], maxBlockSize: Int = 100, oversizedWindow: Int = 8, sharedIdentifierThreshold: Int = 20
    ) {
        self.keys = keys
        self.maxBlockSize = max(2, maxBlockSize)
        self.oversizedWindow = max(1, oversizedWindow)
        self.sharedIdentifierThreshold = sharedIdentifierThreshold
    }

    public struct Output: Sendable {
        /// Each pair as `low << 32 | high` (record positions, low < high), sorted and unique.
        public var pairs: [UInt64]
        public var statistics: BlockingStatistics
        var sharedIdentifiers: Set<UInt64>
    }

    struct Entry: Comparable {
        var hash: UInt64
        var record: UInt32
        static func < (l: Entry, r: Entry) -> Bool { l.hash != r.hash ? l.hash < r.hash : l.record < r.record }
    }

    public func generate(_ records: [PreparedRecord]) -> Output {
        // Keys are independent: one task per key keeps both cores busy through hashing, sorting
        // and pair emission, which are serial within a key.
        let perKey = Parallel.map(count: keys.count, minimumChunk: 1) { keyIndex in
            blockPairs(keyIndex: keyIndex, records)
        }
        var shared = Set<UInt64>()
        for result in perKey { shared.formUnion(result.shared) }
        let pairs = Self.sortedUnique(perKey.map(\.pairs), recordCount: records.count)
        return Output(
            pairs: pairs,
            statistics: BlockingStatistics(
                keys: perKey.map(\.figures), candidatePairs: pairs.count, sharedIdentifiers: shared.count),
            sharedIdentifiers: shared)
    }

    struct KeyResult: Sendable {
        var figures: BlockingStatistics.KeyFigures
        var pairs: [UInt64]
        var shared: Set<UInt64>
    }

    func blockPairs(keyIndex: Int, _ records: [PreparedRecord]) -> KeyResult {
        let key = keys[keyIndex]
        let isIdentifierKey = key.parts == [.email] || key.parts == [.phone]
        var entries: [Entry] = []
        entries.reserveCapacity(records.count)
        for i in records.indices {
            key.forEachHash(for: records[i], seed: UInt64(keyIndex + 1)) { hash in
                entries.append(Entry(hash: hash, record: UInt32(i)))
            }
        }
        entries.sort()
        var shared = Set<UInt64>()
        var pairs: [UInt64] = []
        var blocks = 0, largest = 0, oversized = 0
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].hash == entries[start].hash { end += 1 }
            let size = end - start
            if size > 1 {
                blocks += 1
                largest = max(largest, size)
                if size > maxBlockSize { oversized += 1 }
                emitPairs(entries[start..<end].map { Int($0.record) }, records, key: key, into: &pairs)
            }
            if isIdentifierKey, size > sharedIdentifierThreshold { shared.insert(entries[start].hash) }
            start = end
        }
        return KeyResult(
            figures: .init(
                key: key.description, blocks: blocks, largestBlock: largest, oversizedBlocks: oversized,
                pairs: pairs.count),
            pairs: pairs, shared: shared)
    }

    func emitPairs(_ members: [Int], _ records: [PreparedRecord], key: BlockingKey, into out: inout [UInt64]) {
        if members.count <= maxBlockSize {
            for x in 0..<members.count {
                for y in (x + 1)..<members.count { out.append(Self.pair(members[x], members[y])) }
            }
            return
        }
        let order = key.windowOrder
        let sorted =
            members
            .map { (record: $0, order: Self.orderValue(records[$0], order)) }
            .sorted { $0.order != $1.order ? $0.order.lexicographicallyPrecedes($1.order) : $0.record < $1.record }
            .map(\.record)
        for x in 0..<sorted.count {
            for y in (x + 1)..<min(sorted.count, x + 1 + oversizedWindow) {
                out.append(Self.pair(sorted[x], sorted[y]))
            }
        }
    }

    /// The fields an oversized block is sorted by, one after another, separated by 0x1F.
    static func orderValue(_ record: PreparedRecord, _ fields: [BlockingKey.WindowField]) -> [UInt8] {
        var value: [UInt8] = []
        for field in fields {
            switch field {
            case .family: value += record.family
            case .given: value += record.given
            case .postcode: value += record.postcode
            case .street: value += record.streetNumber + [0x20] + record.addressLine1
            case .email: value += record.emailBytes.first ?? []
            case .phone: value += record.phones.first.map { Array($0.utf8) } ?? []
            }
            value.append(0x1F)
        }
        return value
    }

    static func pair(_ a: Int, _ b: Int) -> UInt64 {
        a < b ? UInt64(a) << 32 | UInt64(b) : UInt64(b) << 32 | UInt64(a)
    }

    /// Buckets pairs by their first record, then sorts and de-duplicates the buckets in parallel.
    static func sortedUnique(_ chunks: [[UInt64]], recordCount: Int) -> [UInt64] {
        let bucketCount = max(1, min(64, recordCount / 1024))
        let perBucket = max(1, (recordCount + bucketCount - 1) / bucketCount)
        var buckets = [[UInt64]](repeating: [], count: bucketCount)
        for chunk in chunks {
            for pair in chunk { buckets[min(bucketCount - 1, Int(pair >> 32) / perBucket)].append(pair) }
        }
        let sorted = Parallel.map(count: bucketCount, minimumChunk: 1) { [buckets] b -> [UInt64] in
            var bucket = buckets[b]
            bucket.sort()
            var unique: [UInt64] = []
            unique.reserveCapacity(bucket.count)
            for pair in bucket where unique.last != pair { unique.append(pair) }
            return unique
        }
        return Array(sorted.joined())
    }
}
