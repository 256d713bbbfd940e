import CRMClient
import CRMDedupe
import CRMModel

/// Fetches every contact or organization (all pages), clusters them and builds a merge plan.
/// Contacts get their employer's name looked up, since matching compares names, not ids.
public struct DuplicateScan: Sendable {
    public var configuration: DedupeConfiguration

    public init(configuration: DedupeConfiguration) { self.configuration = configuration }

    public func contacts(_ client: CRMClient) async throws -> MergePlan {
        var organizationNames: [String: String] = [:]
        for try await organization in client.organizations.list() {
            if let id = organization.id?.rawValue, let name = organization.name { organizationNames[id] = name }
        }
        var records: [DedupeRecord] = []
        var updatedOn: [String: String] = [:]
        for try await contact in client.contacts.list() {
            let employer = contact.organizationId.flatMap { organizationNames[$0.rawValue] }
            records.append(DedupeRecord(index: records.count, contact: contact, organizationName: employer))
            if let id = contact.id?.rawValue, let updated = contact.updatedOn { updatedOn[id] = updated }
        }
        return plan(.contact, records, updatedOn)
    }

    public func organizations(_ client: CRMClient) async throws -> MergePlan {
        var records: [DedupeRecord] = []
        var updatedOn: [String: String] = [:]
        for try await organization in client.organizations.list() {
            records.append(DedupeRecord(index: records.count, organization: organization))
            if let id = organization.id?.rawValue, let updated = organization.updatedOn { updatedOn[id] = updated }
        }
        return plan(.organization, records, updatedOn)
    }

    private func plan(_ entity: EntityKind, _ records: [DedupeRecord], _ updatedOn: [String: String]) -> MergePlan {
        let result = DedupeEngine(configuration: configuration).run(records)
        return MergePlanBuilder().plan(
            entity: entity, records: records, result: result,
            threshold: configuration.threshold, updatedOn: updatedOn)
    }
}
