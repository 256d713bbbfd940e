import CRMModel

/// The name of one managed object: the unit of drift detection, of state and of plan steps.
/// Written `form.contacts`, `tag.leads["vip"]`, `case_type.support-request`.
public struct ObjectAddress: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable, Hashable {
        case form, tag, caseType = "case_type"
    }

    public var kind: Kind
    /// The form name, the tag's entity (plural), or empty for case types.
    public var scope: String
    /// Empty for forms; the tag label (lowercased match key) or the case-type key.
    public var key: String

    public init(kind: Kind, scope: String, key: String) {
        self.kind = kind
        self.scope = scope
        self.key = key
    }

    public static func form(_ form: SchemaForm) -> ObjectAddress { .init(kind: .form, scope: form.rawValue, key: "") }
    public static func tag(_ entity: EntityKind, _ label: String) -> ObjectAddress {
        .init(kind: .tag, scope: entity.plural, key: label.lowercased())
    }
    public static func caseType(_ key: String) -> ObjectAddress { .init(kind: .caseType, scope: "", key: key) }

    public var description: String {
        switch kind {
        case .form: return "form.\(scope)"
        case .tag: return "tag.\(scope)[\"\(key)\"]"
        case .caseType: return "case_type.\(key)"
        }
    }

    private var order: Int {
        switch kind {
        case .form: return 0
        case .tag: return 1
        case .caseType: return 2
        }
    }

    public static func < (lhs: ObjectAddress, rhs: ObjectAddress) -> Bool {
        (lhs.order, lhs.scope, lhs.key) < (rhs.order, rhs.scope, rhs.key)
    }
}
