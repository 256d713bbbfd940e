import CRMClient

/// The version printed by `crmkit --version`; the client sends the same in its `User-Agent`.
enum CRMKitVersion {
    static let string = CRMClientVersion.string
}
