/// What `apply` may do beyond the safe default.
public struct ApplyOptions: Sendable {
    /// Deletions (objects, fields, options, statuses, transitions) are refused without it.
    public var allowDestroy: Bool
    /// Objects changed outside crmkit are refused without it (pull first to keep those changes).
    public var overwriteDrift: Bool

    public init(allowDestroy: Bool = false, overwriteDrift: Bool = false) {
        self.allowDestroy = allowDestroy
        self.overwriteDrift = overwriteDrift
    }
}

/// One executed step, reported as it completes.
public struct AppliedStep: Sendable, Hashable {
    public var address: ObjectAddress
    public var action: ChangeAction
}
