import CRMClient
import CRMModel
import CRMSchema
import Foundation

/// Recreates one CRM's forms, tags and case types on another with the forms-as-code engine:
/// the source is pulled into schema files (as `crmkit schema pull` writes them), then those
/// files are planned and applied on the target (as `crmkit schema apply` does). The files stay
/// in the run directory, so what was applied can be read afterwards.
///
/// Pipelines are not part of it: the API cannot create them. Records find their pipeline and
/// stage on the target by name (`TargetReferences`).
struct SchemaTransfer {
    enum Mode {
        /// The target's schema becomes the source's: objects only the target has are deleted.
        /// Only for a CRM holding no records, where nothing can lose a value.
        case exact
        /// The source's objects are added or updated; what only the target has is kept.
        case additive
    }

    let directory: URL
    let target: CRMClient
    let mode: Mode

    /// Applies `source`'s schema; answers what changed (`+ tags.contacts/VIP`, …).
    func apply(from source: some SchemaRemote) async throws -> [String] {
        try await apply(try await plan(from: source))
    }

    /// Pulls `source` into the schema files and plans them against the target, writing nothing
    /// to the target.
    func plan(from source: some SchemaRemote) async throws -> SchemaPlan {
        try? FileManager.default.removeItem(at: directory)
        let files = SchemaDirectory(path: directory.path)
        try await SchemaPuller(remote: source, directory: files).pull()
        // The source's state names the source; on the target nothing was applied before.
        try? FileManager.default.removeItem(at: files.stateURL)
        if mode == .additive {
            let scratch = directory.appendingPathComponent(".target")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let targetFiles = SchemaDirectory(path: scratch.path)
            try await SchemaPuller(remote: ClientSchemaRemote(client: target), directory: targetFiles).pull()
            let merged = Self.union(files.load().spec, keeping: targetFiles.load().spec)
            _ = try files.write(merged)
        }
        return try await engine.plan()
    }

    /// Applies a plan of `plan(from:)`; answers what changed.
    func apply(_ plan: SchemaPlan) async throws -> [String] {
        guard plan.hasChanges else { return [] }
        let steps = try await engine.apply(
            plan, options: ApplyOptions(allowDestroy: mode == .exact, overwriteDrift: true))
        return steps.map { "\($0.action.symbol) \($0.address)" }
    }

    private var engine: SchemaEngine<ClientSchemaRemote> {
        SchemaEngine(remote: ClientSchemaRemote(client: target), directory: SchemaDirectory(path: directory.path))
    }

    /// The source's schema plus what only the target has: its extra form fields (after the
    /// source's), tags and case types.
    static func union(_ source: SchemaSpec, keeping target: SchemaSpec) -> SchemaSpec {
        var result = source
        for form in target.forms {
            guard let index = result.forms.firstIndex(where: { $0.form == form.form }) else {
                result.forms.append(form)
                continue
            }
            let known = Set(result.forms[index].fields.compactMap(\.id))
            result.forms[index].fields += form.fields.filter { field in field.id.map { !known.contains($0) } ?? false }
        }
        for tagSet in target.tagSets {
            guard let index = result.tagSets.firstIndex(where: { $0.entity == tagSet.entity }) else {
                result.tagSets.append(tagSet)
                continue
            }
            let known = Set(result.tagSets[index].tags.map(\.matchKey))
            result.tagSets[index].tags += tagSet.tags.filter { !known.contains($0.matchKey) }
        }
        let keys = Set(result.caseTypes.map(\.key))
        result.caseTypes += target.caseTypes.filter { !keys.contains($0.key) }
        return result
    }
}
