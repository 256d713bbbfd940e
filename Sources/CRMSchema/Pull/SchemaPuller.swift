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
        let objects = LiveObjects(live, state: state[live.instance])
        let changed = try directory.write(objects.spec)
        var instance = InstanceState()
        for entry in objects.entries { instance[entry.address] = entry }
        state[live.instance] = instance
        try state.save(to: directory.stateURL)
        return changed
    }
}
