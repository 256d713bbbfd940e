import CRMClient
import CRMModel

/// Leads archived in the source: the API archives with a call of its own, made after the lead
/// is created.
enum ArchivedLeads {
    /// Archives the lead each step created, unless it is archived already (so running it again
    /// after an interruption is harmless).
    static func archive(_ steps: [Int], state: RunState, client: CRMClient) async throws {
        let store = RecordStore(client: client, entity: .lead)
        for step in steps {
            guard let id = state.id(step), let lead = try await store.get(id), lead["isArchived"]?.boolValue != true
            else { continue }
            _ = try await client.leads.archive(LeadID(id))
        }
    }
}
