import CRMClient
import CRMModel
import CRMSandbox
import Foundation
import Testing

/// Every operation of the catalog is served: each is sent once over HTTP with a valid request
/// and answers a success status.
@Suite struct OperationCoverageTests {
    @Test func everyOperationHasAHandler() {
        #expect(SandboxRoutes.unhandledOperations.map(\.description) == [])
        #expect(APIOperation.all.count == 68)
    }

    @Test func everyOperationSucceedsOverHTTP() async throws {
        try await withSandbox { sandbox in
            var covered = Set<String>()
            func call(_ id: String, _ pathId: String? = nil, json: JSONValue? = nil, status: Int) async throws
                -> JSONValue
            {
                guard let operation = APIOperation.all.first(where: { $0.id == id }) else {
                    Issue.record("no operation \(id)")
                    return .null
                }
                covered.insert(id)
                let path = operation.path.replacingOccurrences(of: "{id}", with: pathId ?? "")
                return try await sandbox.expect(status, operation.method.rawValue, path, json: json)
            }
            // Tags of every entity first, so records can carry them.
            var tagIds: [EntityKind: String] = [:]
            for kind in EntityKind.allCases {
                let name = kind == .opportunity ? "Opportunity" : kind == .case ? "Case" : kind.rawValue.capitalized
                let tag = try await call(
                    "create\(name)Tag", json: ["label": .string("t-\(kind.rawValue)"), "color": "#123456"], status: 201)
                tagIds[kind] = tag.recordId
                _ = try await call("list\(name)Tags", status: 200)
                _ = try await call(
                    "update\(name)Tag", tag.recordId, json: ["label": .string("tag-\(kind.rawValue)")], status: 200)
            }
            let organization = try await call(
                "createOrganization", json: ["name": "Acme", "tags": ["tag-organization"]], status: 201
            ).recordId
            let other = try await call("createOrganization", json: ["name": "Acme Inc"], status: 201).recordId
            _ = try await call("listOrganizations", status: 200)
            _ = try await call("getOrganization", organization, status: 200)
            _ = try await call("updateOrganization", organization, json: ["industry": "Tech"], status: 200)
            _ = try await call("mergeOrganizations", organization, json: ["sourceId": [.string(other)]], status: 200)
            _ = try await call("getOrganizationForm", status: 200)
            _ = try await call("putOrganizationForm", json: ["fields": []], status: 200)

            let contact = try await call(
                "createContact", json: ["name": "Jane", "organizationId": .string(organization)], status: 201
            ).recordId
            let duplicate = try await call("createContact", json: ["name": "Jane D."], status: 201).recordId
            _ = try await call("listContacts", status: 200)
            _ = try await call("getContact", contact, status: 200)
            _ = try await call("updateContact", contact, json: ["jobTitle": "CTO"], status: 200)
            _ = try await call("mergeContacts", contact, json: ["sourceId": [.string(duplicate)]], status: 200)
            _ = try await call("getContactForm", status: 200)
            _ = try await call("putContactForm", json: ["fields": []], status: 200)

            let lead = try await call(
                "createLead", json: ["title": "Deal", "contactId": .string(contact)], status: 201
            ).recordId
            _ = try await call("listLeads", status: 200)
            _ = try await call("getLead", lead, status: 200)
            _ = try await call("updateLead", lead, json: ["note": "n"], status: 200)
            _ = try await call("archiveLead", lead, status: 200)
            _ = try await call("unarchiveLead", lead, status: 200)
            let converted = try await call("convertLead", lead, status: 201).recordId

            let opportunity = try await call("createOpportunity", json: ["title": "Big deal"], status: 201).recordId
            _ = try await call("listOpportunities", status: 200)
            _ = try await call("getOpportunity", opportunity, status: 200)
            _ = try await call("updateOpportunity", opportunity, json: ["note": "n"], status: 200)
            _ = try await call("updateOpportunityStatus", opportunity, json: ["status": "won"], status: 200)
            _ = try await call("updateOpportunityStage", opportunity, json: ["stage": "Qualified"], status: 200)
            let pipelines = try await call("listPipelines", status: 200)
            _ = try await call("getPipeline", pipelines["items"]?.arrayValue?.first?.recordId ?? "", status: 200)
            _ = try await call("getOpportunityForm", status: 200)
            _ = try await call("putOpportunityForm", json: ["fields": []], status: 200)

            let caseType = try await call("createCaseType", json: ["label": "Feature Request"], status: 201).recordId
            _ = try await call("listCaseTypes", status: 200)
            _ = try await call("getCaseType", caseType, status: 200)
            _ = try await call("updateCaseType", caseType, json: ["label": "Feature"], status: 200)
            let supportCase = try await call(
                "createCase", json: ["title": "Broken", "caseTypeId": .string(caseType)], status: 201
            ).recordId
            _ = try await call("listCases", status: 200)
            _ = try await call("getCase", supportCase, status: 200)
            _ = try await call("updateCase", supportCase, json: ["status": "In Progress"], status: 200)
            _ = try await call("deleteCase", supportCase, status: 204)
            _ = try await call("deleteCaseType", caseType, status: 204)

            let bulkCase = try await call("createCase", json: ["title": "Another"], status: 201).recordId
            _ = try await call(
                "bulkCaseAction", json: ["entity": "case", "action": "delete", "ids": [.string(bulkCase)]], status: 200)
            _ = try await call(
                "bulkPipelineAction", json: ["entity": "opportunity", "action": "delete", "ids": [.string(converted)]],
                status: 200)
            _ = try await call(
                "bulkDirectoryAction", json: ["entity": "contact", "action": "delete", "ids": ["999"]], status: 200)
            _ = try await call("deleteOpportunity", opportunity, status: 204)
            _ = try await call("deleteLead", lead, status: 204)
            _ = try await call("deleteContact", contact, status: 204)
            _ = try await call("deleteOrganization", organization, status: 204)
            for kind in EntityKind.allCases {
                let name = kind == .opportunity ? "Opportunity" : kind == .case ? "Case" : kind.rawValue.capitalized
                _ = try await call("delete\(name)Tag", tagIds[kind], status: 204)
            }
            #expect(Set(APIOperation.all.map(\.id)).subtracting(covered).sorted() == [])
        }
    }
}
