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
        let removedDefaults = removedDefaultFields(desired: resolved, live: objects)
        if !removedDefaults.isEmpty { throw SchemaError.defaultFieldsRemoved(removedDefaults) }
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

    /// Entity forms keep their built-in fields whatever a PUT says, so leaving one out of a file
    /// could never be applied; it is an error rather than a plan that never converges.
    static func removedDefaultFields(desired: SchemaSpec, live: LiveObjects) -> [String] {
        desired.forms.flatMap { form -> [String] in
            let kept = Set(form.fields.compactMap(\.id))
            let liveFields = live.forms.first { $0.spec.form == form.form }?.spec.fields ?? []
            return liveFields.filter { $0.category == .default && $0.id.map(kept.contains) == false }
                .compactMap { $0.id.map { "\(form.form.rawValue).\($0)" } }
        }
    }
}
