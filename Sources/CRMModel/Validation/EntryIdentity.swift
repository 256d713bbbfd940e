/// When two entries of a labeled list are the same one, as the API decides repeats: phones by
/// their digits (`TelephoneSyntax.digits(of:)`), e-mails ignoring case
/// (`lowercasedUnlessLower()`). Answered on the two texts' bytes, without building either key;
/// `key(of:)` is the definition, and what the comparison falls back to where bytes do not
/// settle it (e-mails with non-ASCII letters, strings without contiguous storage).
public enum EntryIdentity: Sendable, Hashable {
    case digits
    case caseless

    /// The text two entries are compared by.
    public func key(of text: String) -> String {
        switch self {
        case .digits: return TelephoneSyntax.digits(of: text)
        case .caseless: return text.lowercasedUnlessLower()
        }
    }

    public func same(_ a: String, _ b: String) -> Bool {
        let answer = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool? in
                switch self {
                case .digits: return Self.sameDigits(x, y)
                case .caseless: return Self.sameIgnoringASCIICase(x, y)
                }
            }
        }
        // Settled on the bytes, or else by the keys.
        if case .some(.some(.some(let settled))) = answer { return settled }
        return key(of: a) == key(of: b)
    }

    /// Whether the ASCII digits of both are the same sequence.
    private static func sameDigits(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, j = 0
        while true {
            while i < x.count, !ASCII.isDigit(x[i]) { i += 1 }
            while j < y.count, !ASCII.isDigit(y[j]) { j += 1 }
            guard i < x.count, j < y.count else { return i == x.count && j == y.count }
            guard x[i] == y[j] else { return false }
            i += 1
            j += 1
        }
    }

    /// Whether both are the same ASCII text but for the case of A–Z; nil (not settled here)
    /// when either has a non-ASCII byte, whose lower case is Unicode's.
    private static func sameIgnoringASCIICase(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool?
    {
        var differ = x.count != y.count
        for index in x.indices {
            let p = x[index]
            if p >= 0x80 { return nil }
            if differ { continue }
            let q = y[index]
            if q >= 0x80 { return nil }
            if ASCII.lower(p) != ASCII.lower(q) { differ = true }
        }
        if differ, y.contains(where: { $0 >= 0x80 }) { return nil }
        return !differ
    }
}
