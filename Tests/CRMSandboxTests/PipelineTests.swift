import CRMClient
import CRMModel
import Foundation
import Testing

@Suite struct PipelineTests {
    static let pipelineId = "727a1a94-dda3-4e68-92cb-343e3e3d4fbc"
    static let prospecting = "a19248d2-cde7-4f9c-99d3-06c5dedf625b"
    static let qualified = "395f9a11-c7d5-4d91-b4bb-8c964cf8d329"

    @Test func seededPipelineAndForms() async throws {
        try await withSandbox { sandbox in
            let pipelines = try await sandbox.expect(200, "GET", "/pipeline/pipelines/opportunities")
            #expect(pipelines["items"]?.arrayValue?.count == 1)
            let pipeline = try await sandbox.expect(200, "GET", "/pipeline/pipelines/opportunities/\(Self.pipelineId)")
            #expect(
                pipeline["item"]?["stages"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == [
                    "Prospecting", "Qualified", "Proposal", "Negotiation", "Closing",
                ])
            let form = try await sandbox.expect(200, "GET", "/pipeline/forms/opportunities")
            #expect(form["items"]?.arrayValue?.first?["id"] == "title")
            let caseTypes = try await sandbox.expect(200, "GET", "/cases/types/cases")
            #expect(caseTypes["items"]?.arrayValue?.first?["label"] == "Support Request")
        }
    }

    @Test func convertLeadOnceIntoTheDefaultPipeline() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.createTag(.lead, "hot")
            let lead = try await sandbox.create(
                .lead,
                [
                    "title": "Cloud", "value": ["amount": 25000, "code": "USD"], "leadRating": "Warm", "tags": "hot",
                    "customFields": ["k": "v"],
                ])
            let leadId = lead["id"]?.stringValue ?? ""
            let opportunity =
                try await sandbox.expect(201, "POST", "/pipeline/leads/\(leadId)/convert")["item"] ?? .null
            #expect(opportunity["title"] == "Cloud")
            #expect(opportunity["value"] == ["amount": 25000, "code": "USD"])
            #expect(opportunity["leadRating"] == "2_warm")
            #expect(opportunity["pipelineId"] == .string(Self.pipelineId))
            #expect(opportunity["stage"] == .string(Self.prospecting))
            #expect(opportunity["status"] == "open")
            #expect(opportunity["customFields"] == ["k": "v"])
            #expect(opportunity["tags"]?.arrayValue?.map { $0["label"] } == ["hot"])
            let converted = try await sandbox.expect(200, "GET", "/pipeline/leads/\(leadId)")["item"] ?? .null
            #expect(converted["isConverted"] == true)
            #expect(converted["convertedOpportunityId"] == opportunity["id"])
            let again = try await sandbox.expect(400, "POST", "/pipeline/leads/\(leadId)/convert")
            #expect(again["code"] == "invalid_state")
            try await sandbox.expect(204, "DELETE", "/pipeline/opportunities/\(opportunity.recordId)")
            let afterDelete = try await sandbox.expect(200, "GET", "/pipeline/leads/\(leadId)")["item"] ?? .null
            #expect(afterDelete["convertedOpportunityId"] == .null)
            #expect(afterDelete["isConverted"] == true)
            try await sandbox.expect(404, "POST", "/pipeline/leads/999/convert")
        }
    }

    @Test func archiveIsIdempotent() async throws {
        try await withSandbox { sandbox in
            let id = try await sandbox.create(.lead, ["title": "A"])["id"]?.stringValue ?? ""
            let first = try await sandbox.expect(200, "PATCH", "/pipeline/leads/\(id)/archive")["item"] ?? .null
            let second = try await sandbox.expect(200, "PATCH", "/pipeline/leads/\(id)/archive")["item"] ?? .null
            #expect(first["isArchived"] == true)
            #expect(second["isArchived"] == true)
            let back = try await sandbox.expect(200, "PATCH", "/pipeline/leads/\(id)/unarchive")["item"] ?? .null
            #expect(back["isArchived"] == false)
            // read-only members in a body are ignored
            let patched =
                try await sandbox.expect(
                    200, "PATCH", "/pipeline/leads/\(id)", json: ["isArchived": true, "id": "77"])["item"] ?? .null
            #expect(patched["isArchived"] == false)
            #expect(patched["id"] == .string(id))
        }
    }

    @Test func statusWonLostReopen() async throws {
        try await withSandbox { sandbox in
            let id = try await sandbox.create(.opportunity, ["title": "Deal"])["id"]?.stringValue ?? ""
            let path = "/pipeline/opportunities/\(id)/updateStatus"
            let won = try await sandbox.expect(200, "PATCH", path, json: ["status": "won"])["item"] ?? .null
            #expect(won["status"] == "won")
            #expect(won["closedOn"]?.stringValue != nil)
            let lost =
                try await sandbox.expect(
                    200, "PATCH", path,
                    json: [
                        "status": "lost",
                        "lostReason": ["reasonId": "too_expensive", "comment": "Cheaper competitor."],
                        "lastUpdatedBy": ["id": "user-123", "name": "Alex Kim"],
                    ])["item"] ?? .null
            #expect(lost["lostReason"] == ["reasonId": "too_expensive", "comment": "Cheaper competitor."])
            #expect(lost["lastUpdatedBy"]?["id"] == "user-123")
            let reopened = try await sandbox.expect(200, "PATCH", path, json: ["status": "open"])["item"] ?? .null
            #expect(reopened["closedOn"] == .null)
            #expect(reopened["lostReason"] == .null)

            let notAllowed = try await sandbox.expect(
                400, "PATCH", path, json: ["status": "won", "lostReason": ["reasonId": "other"]])
            #expect(errorDetails(notAllowed) == ["lostReason": "not_allowed"])
            let badReason = try await sandbox.expect(
                400, "PATCH", path, json: ["status": "lost", "lostReason": ["reasonId": "moon"]])
            #expect(errorDetails(badReason) == ["lostReason.reasonId": "unknown_option"])
            let badStatus = try await sandbox.expect(400, "PATCH", path, json: ["status": "Won"])
            #expect(errorDetails(badStatus) == ["status": "unknown_option"])
            let missing = try await sandbox.expect(400, "PATCH", path, json: [:])
            #expect(errorDetails(missing) == ["status": "required"])
        }
    }

    @Test func stageMustBelongToThePipeline() async throws {
        try await withSandbox { sandbox in
            let id =
                try await sandbox.create(.opportunity, ["title": "Deal", "stage": "qualified"])["id"]?.stringValue ?? ""
            let path = "/pipeline/opportunities/\(id)/updateStage"
            let moved =
                try await sandbox.expect(200, "PATCH", path, json: ["stage": .string(Self.prospecting)])["item"]
                ?? .null
            #expect(moved["stage"] == .string(Self.prospecting))
            let bad = try await sandbox.expect(400, "PATCH", path, json: ["stage": "stage-xyz"])
            #expect(errorDetails(bad) == ["stage": "unknown_option"])
            let empty = try await sandbox.expect(400, "PATCH", path, json: ["stage": ""])
            #expect(errorDetails(empty) == ["stage": "required"])
            let unknownPipeline = try await sandbox.expect(
                400, "POST", "/pipeline/opportunities",
                json: [
                    "title": "x", "pipelineId": "c4d5e6f7-8901-2345-6789-abcdef012345", "stage": "stage-xyz",
                ])
            #expect(errorDetails(unknownPipeline) == ["pipelineId": "unknown_reference"])
            let stageOnly = try await sandbox.expect(
                200, "PATCH", "/pipeline/opportunities/\(id)", json: ["stage": .string(Self.qualified)])
            #expect(stageOnly["item"]?["stage"] == .string(Self.qualified))
        }
    }

    @Test func organizationAliasOnOpportunities() async throws {
        try await withSandbox { sandbox in
            let org = try await sandbox.create(.organization, ["name": "Example Corp"])["id"] ?? .null
            let opportunity = try await sandbox.create(
                .opportunity, ["title": "x", "organization": ["id": org, "name": "Example Corp"]])
            #expect(opportunity["organizationId"] == org)
            #expect(opportunity["organization"] == nil)
        }
    }
}
