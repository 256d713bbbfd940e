/// The version printed by `crmkit --version` and sent in the `User-Agent` header.
enum CRMKitVersion {
    static let string = "0.1.0"
}
