import Foundation

/// The library API behind `crmkit schema`: one call per subcommand, usable from Swift directly.
public struct SchemaEngine<Remote: SchemaRemote>: Sendable {
    public var remote: Remote
    public var directory: SchemaDirectory

    public init(remote: Remote, directory: SchemaDirectory) {
        self.remote = remote
        self.directory = directory
    }

    /// Writes the live configuration into the directory; returns the files that changed.
    @discardableResult
    public func pull() async throws -> [String] {
        try await SchemaPuller(remote: remote, directory: directory).pull()
    }

    /// Compares the files with the CRM. The files must lint without errors.
    public func plan() async throws -> SchemaPlan {
        let desired = try Self.validSpec(directory)
        let state = try SchemaState.load(from: directory.stateURL)
        let live = try await LiveSchema.fetch(from: remote)
        return try await SchemaPlanner.plan(desired: desired, live: live, state: state, remote: remote)
    }

    /// Applies a saved plan, or (with `nil`) a fresh one.
    @discardableResult
    public func apply(_ plan: SchemaPlan? = nil, options: ApplyOptions, progress: (AppliedStep) -> Void = { _ in })
        async throws
        -> [AppliedStep]
    {
        let chosen: SchemaPlan
        if let plan { chosen = plan } else { chosen = try await self.plan() }
        return try await SchemaApplier(remote: remote, directory: directory, options: options).apply(
            chosen, progress: progress)
    }

    /// Reads the files; throws every lint error when there is one.
    public static func validSpec(_ directory: SchemaDirectory) throws -> SchemaSpec {
        let loaded = directory.load()
        guard !loaded.isEmpty else { throw SchemaError.noSchemaFiles(directory: directory.displayPath) }
        let errors = SchemaLinter.errors(SchemaLinter.lint(loaded))
        guard errors.isEmpty else { throw SchemaError.invalidFiles(errors) }
        return loaded.spec
    }
}
