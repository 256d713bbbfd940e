/// The values of a handful of list entries (the e-mails or phones of one record), each with the
/// position of the entry it came from, for finding repeats by an `EntryIdentity`.
///
/// Why not an array of keys: a record's lists hold one to four entries, and an array was one
/// heap allocation per list per record. Four values are held inline; more go to an array.
/// Values are kept as given and compared by their identity, not turned into keys first: the key
/// strings (a phone's digits, an e-mail lower-cased) were built twice per entry per record, by
/// the mapper and by the validator.
public struct FewEntries {
    public let identity: EntryIdentity
    // Values and positions in plain slots, compared in place rather than copied out of
    // optional tuples.
    private var value0 = "", value1 = "", value2 = "", value3 = ""
    private var position0 = 0, position1 = 0, position2 = 0, position3 = 0
    private var more: [(String, Int)] = []
    public private(set) var count = 0

    public init(identity: EntryIdentity) {
        self.identity = identity
    }

    /// Adds `value` unless the same one is there; the position of the entry that holds it when
    /// it was.
    public mutating func insert(_ value: String, at position: Int) -> (inserted: Bool, firstPosition: Int) {
        if let first = firstPosition(of: value) { return (false, first) }
        switch count {
        case 0: (value0, position0) = (value, position)
        case 1: (value1, position1) = (value, position)
        case 2: (value2, position2) = (value, position)
        case 3: (value3, position3) = (value, position)
        default: more.append((value, position))
        }
        count += 1
        return (true, position)
    }

    /// The position given with the value the same as `value`, if one was inserted.
    public func firstPosition(of value: String) -> Int? {
        if count > 0, identity.same(value0, value) { return position0 }
        if count > 1, identity.same(value1, value) { return position1 }
        if count > 2, identity.same(value2, value) { return position2 }
        if count > 3, identity.same(value3, value) { return position3 }
        for index in more.indices where identity.same(more[index].0, value) { return more[index].1 }
        return nil
    }
}
