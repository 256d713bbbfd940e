/// Writes the live configuration into the directory and records what was seen in the state.
public struct SchemaPuller<Remote: SchemaRemote>: Sendable {
    public var remote: Remote
    public var directory: SchemaDirectory

    public init(remote: Remote, directory: SchemaDirectory) {
        self.remote = remote
        self.directory = directory
    }

    /// Returns the files written or removed (relative paths); empty when nothing changed.
    @discardableResult
    public func pull() async throws -> [String] {
        var state = try SchemaState.load(from: directory.stateURL)
        let live = try await LiveSchema.fetch(from: remote)
        let known = state[live.instance]
        let objects = LiveObjects(live, state: known)
        // Only files of case types crmkit saw before are removed; a new file not yet applied stays.
        let seen = Set(known.entries.filter { $0.address.kind == .caseType }.map(\.address.key))
        let changed = try directory.write(objects.spec, staleCaseTypes: seen)
        var instance = InstanceState()
        for entry in objects.entries { instance[entry.address] = entry }
        state[live.instance] = instance
        try state.save(to: directory.stateURL)
        return changed
    }
}
