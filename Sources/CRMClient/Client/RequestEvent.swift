/// One HTTP exchange as the client saw it, for `--verbose` and metrics. Holds no key, no query,
/// no body.
public struct RequestEvent: Sendable {
    public var method: String
    public var path: String
    /// `nil` when no HTTP answer came back.
    public var status: Int?
    public var milliseconds: Double
    /// 1 for the first send, 2 for the first retry, …
    public var attempt: Int
    /// The transport failure, when there was no answer.
    public var failure: String?

    /// `GET /directory/contacts/5 200 3.1ms`.
    public var line: String {
        let outcome = status.map(String.init) ?? "failed (\(failure ?? "no answer"))"
        let retry = attempt > 1 ? " (attempt \(attempt))" : ""
        return "\(method) \(path) \(outcome) \(String(format: "%.1f", milliseconds))ms\(retry)"
    }
}
