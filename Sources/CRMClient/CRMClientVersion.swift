/// The library's version, sent in the `User-Agent` header as `crmkit/<version>`.
public enum CRMClientVersion {
    public static let string = "0.1.0"
    public static var userAgent: String { "crmkit/\(string)" }
}
