import CRMModel

/// The three entity forms the API exposes. Leads and opportunities share one form
/// (`/pipeline/forms/opportunities`), so `opportunities` governs both; cases have none here because
/// each case type carries its own form.
public enum SchemaForm: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case contacts, organizations, opportunities

    /// The entity whose form endpoint this is.
    public var entity: EntityKind {
        switch self {
        case .contacts: return .contact
        case .organizations: return .organization
        case .opportunities: return .opportunity
        }
    }

    /// The records whose values this form governs (for data-aware warnings).
    public var recordEntities: [EntityKind] {
        switch self {
        case .contacts: return [.contact]
        case .organizations: return [.organization]
        case .opportunities: return [.lead, .opportunity]
        }
    }

    public static func < (lhs: SchemaForm, rhs: SchemaForm) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

extension EntityKind {
    /// Every entity has a tag set; this is the order files and plans list them in.
    static let tagEntities: [EntityKind] = [.lead, .opportunity, .contact, .organization, .case]
}
