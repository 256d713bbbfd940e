import Foundation

/// The machine-owned record of what crmkit last saw on each CRM instance: remote ids and content
/// hashes per managed object. Drift is "the live hash is not the hash in the state".
/// Kept per instance so one directory can be applied to staging and production.
public struct SchemaState: Codable, Sendable, Hashable {
    public static let fileName = ".crmkit-state.json"

    public var version: Int
    public var instances: [String: InstanceState]

    public init(version: Int = 1, instances: [String: InstanceState] = [:]) {
        self.version = version
        self.instances = instances
    }

    public subscript(instance: String) -> InstanceState {
        get { instances[instance] ?? InstanceState() }
        set { instances[instance] = newValue }
    }
}

public struct InstanceState: Codable, Sendable, Hashable {
    /// Keyed by the object's address text (`form.contacts`), so the JSON reads well.
    public var objects: [String: StateEntry]

    public init(objects: [String: StateEntry] = [:]) { self.objects = objects }

    public var isEmpty: Bool { objects.isEmpty }

    public subscript(address: ObjectAddress) -> StateEntry? {
        get { objects[address.description] }
        set { objects[address.description] = newValue }
    }

    public var entries: [StateEntry] { objects.values.sorted { $0.address < $1.address } }

    /// The entry holding this remote id, if any (tags and case types are found by id).
    public func entry(remoteID: String, kind: ObjectAddress.Kind) -> StateEntry? {
        entries.first { $0.address.kind == kind && $0.remoteID == remoteID }
    }
}

public struct StateEntry: Codable, Sendable, Hashable {
    public var address: ObjectAddress
    public var remoteID: String?
    public var hash: String

    public init(address: ObjectAddress, remoteID: String?, hash: String) {
        self.address = address
        self.remoteID = remoteID
        self.hash = hash
    }
}

extension SchemaState {
    /// Reads the state file; a missing file is an empty state.
    public static func load(from url: URL) throws -> SchemaState {
        guard FileManager.default.fileExists(atPath: url.path) else { return SchemaState() }
        do {
            return try JSONDecoder().decode(SchemaState.self, from: try Data(contentsOf: url))
        } catch {
            throw SchemaError.unreadableState(path: url.path, reason: String(describing: error))
        }
    }

    /// Writes the state (stable formatting) only when its content changed.
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        try FileWriting.writeIfChanged(data, to: url)
    }
}
