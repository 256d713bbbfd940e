import CRMModel

/// Why a restore did not start, each with what to do about it.
public enum RestoreError: Error, Sendable, DiagnosticConvertible {
    /// Files changed or missing since the backup was taken (`BackupManifest.verify`).
    case damaged(directory: String, problems: [String])
    /// A records file holds another number of records than the manifest says.
    case countMismatch(path: String, manifest: Int, found: Int)
    /// The target holds records; restoring would add the backup's beside them.
    case notEmpty(counts: [String: Int])

    public var diagnostic: Diagnostic {
        switch self {
        case .damaged(let directory, let problems):
            return Diagnostic(
                file: directory,
                "the backup does not match its manifest, so nothing was restored: "
                    + problems.joined(separator: "; "), hint: "restore from an intact copy of the backup")
        case .countMismatch(let path, let manifest, let found):
            return Diagnostic(
                file: path, "holds \(found) records where the manifest says \(manifest); nothing was restored",
                hint: "restore from an intact copy of the backup")
        case .notEmpty(let counts):
            let held = EntityKind.exportOrder.compactMap { entity in
                counts[entity.plural].flatMap { $0 > 0 ? "\($0) \(entity.plural)" : nil }
            }
            return Diagnostic(
                "the target CRM is not empty (it holds \(held.joined(separator: ", "))). "
                    + "A restore recreates every record of the backup with new ids beside what is there "
                    + "(duplicates when it holds the same data) and adds the backup's "
                    + "fields, tags and case types without deleting any",
                hint: "restore into an empty CRM, or pass --into-nonempty to do that anyway")
        }
    }
}
