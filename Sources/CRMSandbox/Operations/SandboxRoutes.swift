import CRMModel

/// Which handler performs each operation of `APIOperation.all`, by operationId. The responder
/// routes by the catalog; this table is the one place that binds the catalog to code, and a test
/// checks that it covers every operation.
enum SandboxRoutes {
    static let handlers: [String: OperationHandler] = {
        var handlers: [String: OperationHandler] = [:]
        for kind in EntityKind.allCases {
            let records = RecordHandlers(kind: kind)
            let name = operationName(kind)
            handlers["list\(name.plural)"] = records.list
            handlers["create\(name.singular)"] = records.create
            handlers["get\(name.singular)"] = records.get
            handlers["update\(name.singular)"] = records.update
            handlers["delete\(name.singular)"] = records.delete
        }
        return handlers
    }()

    /// The names operationIds use: `listContacts`/`createContact`, `listCases`/`createCase`.
    static func operationName(_ kind: EntityKind) -> (singular: String, plural: String) {
        switch kind {
        case .lead: return ("Lead", "Leads")
        case .opportunity: return ("Opportunity", "Opportunities")
        case .contact: return ("Contact", "Contacts")
        case .organization: return ("Organization", "Organizations")
        case .case: return ("Case", "Cases")
        }
    }
}
