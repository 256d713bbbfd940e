import CRMModel
import Foundation

/// What `plan` found and `apply` executes. Saved as JSON (`--out plan.json`); it carries the
/// hashes of the live objects it was made against, so a stale plan is refused rather than
/// applied over changes it never saw.
public struct SchemaPlan: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    public var instance: String
    public var changes: [ObjectChange]
    public var conflicts: [Conflict]
    public var warnings: [DataWarning]
    /// Address text → live content hash when planned (`absent` for objects that did not exist).
    public var baseHashes: [String: String]

    public init(
        instance: String, changes: [ObjectChange], conflicts: [Conflict] = [], warnings: [DataWarning] = [],
        baseHashes: [String: String] = [:]
    ) {
        self.version = Self.currentVersion
        self.instance = instance
        self.changes = changes
        self.conflicts = conflicts
        self.warnings = warnings
        self.baseHashes = baseHashes
    }

    public static let absentHash = "absent"

    public var hasChanges: Bool { !changes.isEmpty }

    public func count(_ action: ChangeAction) -> Int { changes.filter { $0.action == action }.count }

    /// Everything the plan would delete, named for the refusal message: whole objects and the
    /// fields, options, statuses and transitions removed inside updated ones.
    public var deletions: [String] {
        changes.flatMap { change -> [String] in
            if change.action == .delete { return [change.address.description] }
            return change.rows.filter { $0.action == .delete }.map { "\(change.address) \($0.subject)" }
        }
    }

    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        try data.write(to: url, options: .atomic)
    }

    public static func load(from url: URL) throws -> SchemaPlan {
        let plan: SchemaPlan
        do {
            plan = try JSONDecoder().decode(SchemaPlan.self, from: try Data(contentsOf: url))
        } catch {
            throw SchemaError.unreadablePlan(path: url.path, reason: String(describing: error))
        }
        guard plan.version == currentVersion else {
            throw SchemaError.unreadablePlan(
                path: url.path, reason: "plan format \(plan.version), this crmkit reads \(currentVersion)")
        }
        return plan
    }
}

public enum ChangeAction: String, Codable, Sendable, Hashable {
    case create, update, delete

    /// Terraform's symbols.
    public var symbol: String {
        switch self {
        case .create: return "+"
        case .update: return "~"
        case .delete: return "-"
        }
    }
}

/// One object to create, update or delete, with its attribute-level rows.
public struct ObjectChange: Codable, Sendable, Hashable {
    public var address: ObjectAddress
    public var action: ChangeAction
    /// The remote id of the object updated or deleted.
    public var remoteID: String?
    public var rows: [ChangeRow]
    /// What the object should become (creates and updates), in file shape.
    public var desired: DesiredObject?

    public init(
        address: ObjectAddress, action: ChangeAction, remoteID: String? = nil, rows: [ChangeRow],
        desired: DesiredObject? = nil
    ) {
        self.address = address
        self.action = action
        self.remoteID = remoteID
        self.rows = rows
        self.desired = desired
    }

    public var isDestructive: Bool { action == .delete || rows.contains { $0.action == .delete } }
}

/// Written in plans as `{"form": {…}}`, `{"tag": {…}}` or `{"caseType": {…}}`.
public enum DesiredObject: Codable, Sendable, Hashable {
    case form(FormSpec)
    case tag(TagSpec)
    case caseType(CaseTypeSpec)

    private enum CodingKeys: String, CodingKey { case form, tag, caseType }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let form = try container.decodeIfPresent(FormSpec.self, forKey: .form) {
            self = .form(form)
        } else if let tag = try container.decodeIfPresent(TagSpec.self, forKey: .tag) {
            self = .tag(tag)
        } else {
            self = .caseType(try container.decode(CaseTypeSpec.self, forKey: .caseType))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .form(let form): try container.encode(form, forKey: .form)
        case .tag(let tag): try container.encode(tag, forKey: .tag)
        case .caseType(let caseType): try container.encode(caseType, forKey: .caseType)
        }
    }
}

/// A part of an object that changes: the object itself (empty subject), a field, a dropdown
/// option, a status or a transition; with `before → after` per attribute.
public struct ChangeRow: Codable, Sendable, Hashable {
    public var action: ChangeAction
    public var subject: String
    public var attributes: [AttributeDelta]

    public init(_ action: ChangeAction, _ subject: String, _ attributes: [AttributeDelta] = []) {
        self.action = action
        self.subject = subject
        self.attributes = attributes
    }
}

public struct AttributeDelta: Codable, Sendable, Hashable {
    public var name: String
    public var before: JSONValue?
    public var after: JSONValue?

    public init(_ name: String, before: JSONValue?, after: JSONValue?) {
        self.name = name
        self.before = before
        self.after = after
    }
}

/// An object the CRM changed outside crmkit since the last pull or apply, that the plan would change.
public struct Conflict: Codable, Sendable, Hashable {
    public var address: ObjectAddress
    public var reason: String

    public init(address: ObjectAddress, reason: String) {
        self.address = address
        self.reason = reason
    }
}

/// A change that touches stored data, with how many records it touches.
public struct DataWarning: Codable, Sendable, Hashable {
    public var address: ObjectAddress
    public var subject: String
    public var message: String
    public var count: Int

    public init(address: ObjectAddress, subject: String, message: String, count: Int) {
        self.address = address
        self.subject = subject
        self.message = message
        self.count = count
    }
}
