import CRMModel

/// Makes a plan: the files (desired) against the live CRM, with drift conflicts and data-aware
/// warnings, and the live hashes the plan is based on.
public enum SchemaPlanner {
    public static func plan(
        desired: SchemaSpec, live: LiveSchema, state: SchemaState, remote: some SchemaRemote
    ) async throws -> SchemaPlan {
        let instanceState = state[live.instance]
        let objects = LiveObjects(live, state: instanceState)
        let resolved = DesiredResolution.resolve(desired, live: objects)
        let changes = SchemaDiff.changes(desired: resolved, live: objects)
        let changed = Set(changes.map(\.address))
        let conflicts = DriftDetector.drift(live: objects, state: instanceState).filter { changed.contains($0.address) }
        let warnings = try await DataWarnings.warnings(for: changes, live: objects, remote: remote)
        var baseHashes: [String: String] = [:]
        for change in changes {
            baseHashes[change.address.description] = objects.hash(of: change.address) ?? SchemaPlan.absentHash
        }
        return SchemaPlan(
            instance: live.instance, changes: changes, conflicts: conflicts, warnings: warnings, baseHashes: baseHashes)
    }
}
