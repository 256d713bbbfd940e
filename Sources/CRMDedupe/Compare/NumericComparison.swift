/// Agreement of two numbers (house numbers, amounts): exact, within a tolerance, or different.
public enum NumericComparison {
    public enum Agreement: Int, Sendable, Codable { case exact = 0, close = 1, different = 2 }

    /// `absoluteTolerance` and `relativeTolerance` both allow "close"; text that is not a number
    /// agrees only when it is equal.
    public static func compare(_ a: String, _ b: String, absoluteTolerance: Double = 0, relativeTolerance: Double = 0)
        -> Agreement
    {
        if a == b { return .exact }
        guard let x = Double(a), let y = Double(b) else { return .different }
        if x == y { return .exact }
        let difference = abs(x - y)
        if difference <= absoluteTolerance || difference <= relativeTolerance * max(abs(x), abs(y)) { return .close }
        return .different
    }
}
