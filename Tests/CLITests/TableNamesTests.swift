import Foundation
import Testing

/// Tables name what the API gives as ids (an organization, a stage, a case status); `--json`
/// keeps the ids.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct TableNamesTests {
    @Test func tablesShowNamesWhereTheAPIGivesIds() async throws {
        try await withCLISandbox { sandbox in
            let organization = try await sandbox.json([
                "organizations", "create", "--data", #"{"name": "Acme Widgets"}"#,
            ])
            let organizationId = try #require(organization["id"] as? String)
            let contact = try await sandbox.json(
                ["contacts", "create", "--data", #"{"name": "Jane Doe", "organizationId": "\#(organizationId)"}"#])
            #expect(contact["organizationId"] as? String == organizationId)
            let contacts = try await sandbox.run(["contacts", "list"])
            #expect(contacts.stdout.contains("ORGANIZATION"))
            #expect(contacts.stdout.contains("Acme Widgets"))

            let opportunity = try await sandbox.json(["opportunities", "create", "--data", #"{"title": "Deal"}"#])
            let opportunityId = try #require(opportunity["id"] as? String)
            _ = try await sandbox.json(["opportunities", "set-stage", opportunityId, "Proposal"])
            let opportunities = try await sandbox.run(["opportunities", "list"])
            #expect(opportunities.stdout.contains("Proposal"))
            #expect(!opportunities.stdout.contains("9151e995-d3e5-4c8b-bda1-c18df07e0cf6"))
            let json = try await sandbox.json(["opportunities", "get", opportunityId])
            #expect(json["stage"] as? String == "9151e995-d3e5-4c8b-bda1-c18df07e0cf6", "--json keeps the API's ids")

            let created = try await sandbox.json(["cases", "create", "--data", #"{"title": "Outage"}"#])
            let status = try #require(created["status"] as? String)
            let caseTypeId = try #require(created["caseTypeId"] as? String)
            let caseType = try await sandbox.json(["case-types", "get", caseTypeId])
            let statuses = ((caseType["workflow"] as? [String: Any])?["status"] as? [[String: Any]]) ?? []
            let node = statuses.first { $0["id"] as? String == status }
            let label = try #require((node?["data"] as? [String: Any])?["label"] as? String)
            #expect(label != status)
            let cases = try await sandbox.run(["cases", "list"])
            #expect(cases.stdout.contains(label))
        }
    }
}
