import CRMModel

/// The three forms of the CRM. Leads use the opportunities form; cases use their case type's.
public enum FormName: String, Sendable, CaseIterable, Hashable {
    case contacts, organizations, opportunities

    public init?(entity: EntityKind) {
        switch entity {
        case .contact: self = .contacts
        case .organization: self = .organizations
        case .lead, .opportunity: self = .opportunities
        case .case: return nil
        }
    }

    public var path: String {
        switch self {
        case .contacts: return "/directory/forms/contacts"
        case .organizations: return "/directory/forms/organizations"
        case .opportunities: return "/pipeline/forms/opportunities"
        }
    }
}

/// Reading and replacing forms (`GET`/`PUT …/forms/…`).
public struct Forms: Sendable {
    let core: ClientCore

    /// The form's fields, default and custom.
    public func get(_ form: FormName) async throws -> [FormField] {
        try await core.list(FormField.self, try Endpoint(.GET, form.path)).items
    }

    /// Replaces the form's custom fields and updates the default ones listed; answers the whole
    /// form as stored.
    public func put(_ form: FormName, _ update: FormUpdate) async throws -> [FormField] {
        let endpoint = try Endpoint(.PUT, form.path)
        let response = try await core.send(endpoint, body: try core.encode(update))
        // `{"items": [Field]}`, or the reference's `{"item": {"fields": [...]}}` (api-notes #14).
        if let list = try? core.decodeList(FormField.self, from: response, for: endpoint) { return list.items }
        return try core.decodeItem(FormUpdate.self, from: response, for: endpoint).formFields ?? []
    }

    public func put(_ form: FormName, fields: [FormField]) async throws -> [FormField] {
        try await put(form, FormUpdate(formFields: fields))
    }
}
