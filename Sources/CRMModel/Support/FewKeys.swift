/// The keys of a handful of list entries (the e-mails or phones of one record), each with the
/// position of the entry it came from, for finding repeats.
///
/// Why not an array: a record's lists hold one to four entries, and an array of keys was one
/// heap allocation per list per record, the most frequent allocation of a validation run after
/// the entries themselves. Four keys are held inline; more go to an array.
public struct FewKeys {
    private var k0: (String, Int)?
    private var k1: (String, Int)?
    private var k2: (String, Int)?
    private var k3: (String, Int)?
    private var more: [(String, Int)] = []
    public private(set) var count = 0

    public init() {}

    /// Adds `key` unless it is there; the position of the entry that holds it when it was.
    public mutating func insert(_ key: String, at position: Int) -> (inserted: Bool, firstPosition: Int) {
        if let first = firstPosition(of: key) { return (false, first) }
        switch count {
        case 0: k0 = (key, position)
        case 1: k1 = (key, position)
        case 2: k2 = (key, position)
        case 3: k3 = (key, position)
        default: more.append((key, position))
        }
        count += 1
        return (true, position)
    }

    /// The position given with `key` when it was inserted.
    public func firstPosition(of key: String) -> Int? {
        // Slot by slot: a literal array of the slots would itself be an allocation.
        if let (held, position) = k0, held == key { return position }
        if let (held, position) = k1, held == key { return position }
        if let (held, position) = k2, held == key { return position }
        if let (held, position) = k3, held == key { return position }
        return more.first { $0.0 == key }?.1
    }
}
