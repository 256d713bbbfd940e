import CRMModel

/// Which handler performs each operation of `APIOperation.all`, by operationId. The responder
/// routes by the catalog; this table is the one place that binds the catalog to code, and a test
/// checks that it covers every operation.
public enum SandboxRoutes {
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

            let tags = TagHandlers(kind: kind)
            handlers["list\(name.singular)Tags"] = tags.list
            handlers["create\(name.singular)Tag"] = tags.create
            handlers["update\(name.singular)Tag"] = tags.update
            handlers["delete\(name.singular)Tag"] = tags.delete
        }
        for entity in [EntityKind.contact, .organization, .opportunity] {
            let forms = FormHandlers(entity: entity)
            handlers["get\(operationName(entity).singular)Form"] = forms.get
            handlers["put\(operationName(entity).singular)Form"] = forms.put
        }
        handlers["mergeContacts"] = MergeHandler(kind: .contact).merge
        handlers["mergeOrganizations"] = MergeHandler(kind: .organization).merge
        handlers["archiveLead"] = LeadHandlers.archive
        handlers["unarchiveLead"] = LeadHandlers.unarchive
        handlers["convertLead"] = LeadHandlers.convert
        handlers["updateOpportunityStatus"] = OpportunityHandlers.updateStatus
        handlers["updateOpportunityStage"] = OpportunityHandlers.updateStage
        handlers["listPipelines"] = PipelineHandlers.list
        handlers["getPipeline"] = PipelineHandlers.get
        handlers["listCaseTypes"] = CaseTypeHandlers.list
        handlers["createCaseType"] = CaseTypeHandlers.create
        handlers["getCaseType"] = CaseTypeHandlers.get
        handlers["updateCaseType"] = CaseTypeHandlers.update
        handlers["deleteCaseType"] = CaseTypeHandlers.delete
        handlers["bulkPipelineAction"] = BulkActionHandler(entities: [.lead, .opportunity]).perform
        handlers["bulkDirectoryAction"] = BulkActionHandler(entities: [.contact, .organization]).perform
        handlers["bulkCaseAction"] = BulkActionHandler(entities: [.case]).perform
        return handlers
    }()

    /// The operations of the catalog that have no handler (empty when the sandbox is complete).
    public static var unhandledOperations: [APIOperation] {
        APIOperation.all.filter { handlers[$0.id] == nil }
    }

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
