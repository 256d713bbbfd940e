/// Match-key string → the positions (steps of the file, or records of the CRM) that hold it,
/// oldest first. A million rows index four million keys or so: each key is kept as a 128-bit
/// digest rather than its text, and nearly every key is held by one position, kept inline rather
/// than in an array of its own (together about 100 bytes a key less).
struct KeyIndex {
    private enum Holders {
        case one(Int)
        case many([Int])
    }

    /// A key's digest: two SipHash values of it under different prefixes, with this process's
    /// seed (the index never leaves the process). Two keys of one import share a digest with a
    /// probability of about 10⁻²⁵.
    private struct Digest: Hashable {
        var first: Int
        var second: Int

        init(_ key: String) {
            var first = Hasher()
            first.combine(0x5f37_59df)
            first.combine(key)
            var second = Hasher()
            second.combine(0x2545_f491)
            second.combine(key)
            self.first = first.finalize()
            self.second = second.finalize()
        }
    }

    private var storage: [Digest: Holders] = [:]

    /// The positions holding `key`, oldest first; nil when none does.
    subscript(key: String) -> [Int]? {
        switch storage[Digest(key)] {
        case nil: nil
        case .one(let position): [position]
        case .many(let positions): positions
        }
    }

    func contains(_ position: Int, under key: String) -> Bool {
        switch storage[Digest(key)] {
        case nil: false
        case .one(let held): held == position
        case .many(let held): held.contains(position)
        }
    }

    mutating func append(_ position: Int, to key: String) {
        let digest = Digest(key)
        switch storage[digest] {
        case nil: storage[digest] = .one(position)
        case .one(let held): storage[digest] = .many([held, position])
        case .many(var held):
            storage[digest] = nil
            held.append(position)
            storage[digest] = .many(held)
        }
    }
}
