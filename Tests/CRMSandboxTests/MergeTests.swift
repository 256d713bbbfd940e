import CRMClient
import CRMModel
import Foundation
import Testing

@Suite struct MergeTests {
    @Test func mergeContactsUnionsAndMovesReferences() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.createTag(.contact, "a")
            _ = try await sandbox.createTag(.contact, "b")
            let org = try await sandbox.create(.organization, ["name": "Acme"])["id"] ?? .null
            let target =
                try await sandbox.create(
                    .contact,
                    [
                        "name": "Jane Doe",
                        "email": [["label": "Work", "value": "jane@work.example", "primary": true]],
                        "phone": [["value": "+1 555 123 4567"]], "tags": "a", "customFields": ["k1": "target"],
                    ])["id"]?.stringValue ?? ""
            let source1 =
                try await sandbox.create(
                    .contact,
                    [
                        "name": "J. Doe", "jobTitle": "CTO", "organizationId": org,
                        "email": [["value": "JANE@work.example", "primary": true], ["value": "jd@home.example"]],
                        "phone": [["value": "15551234567"], ["value": "555-0000"]], "tags": "a,b",
                        "customFields": ["k1": "source", "k2": "source"],
                    ])["id"]?.stringValue ?? ""
            let source2 =
                try await sandbox.create(.contact, ["name": "Janie", "jobTitle": "CEO", "note": "from source 2"])["id"]?
                .stringValue ?? ""
            let lead =
                try await sandbox.create(.lead, ["title": "Deal", "contactId": .string(source1)])["id"]?.stringValue
                ?? ""
            let supportCase =
                try await sandbox.create(.case, ["title": "Help", "contactId": .string(source2)])["id"]?.stringValue
                ?? ""

            let merged =
                try await sandbox.expect(
                    200, "POST", "/directory/contacts/\(target)/merge",
                    json: [
                        "sourceId": [.string(source1), .string(source2), .string(source1)],
                        "lastUpdatedBy": ["id": "user-123", "name": "Alex Kim"],
                    ])["item"] ?? .null
            #expect(merged["id"] == .string(target))
            #expect(merged["name"] == "Jane Doe")
            #expect(merged["jobTitle"] == "CTO")
            #expect(merged["note"] == "from source 2")
            #expect(merged["organizationId"] == org)
            #expect(
                merged["email"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == [
                    "jane@work.example", "jd@home.example",
                ])
            #expect(merged["email"]?.arrayValue?.filter { $0["primary"] == true }.count == 1)
            #expect(
                merged["phone"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == ["+1 555 123 4567", "555-0000"])
            #expect(merged["tags"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["a", "b"])
            #expect(merged["customFields"] == ["k1": "target", "k2": "source"])
            #expect(merged["lastUpdatedBy"]?["id"] == "user-123")
            try await sandbox.expect(404, "GET", "/directory/contacts/\(source1)")
            try await sandbox.expect(404, "GET", "/directory/contacts/\(source2)")
            let movedLead = try await sandbox.expect(200, "GET", "/pipeline/leads/\(lead)")
            #expect(movedLead["item"]?["contactId"] == .string(target))
            let movedCase = try await sandbox.expect(200, "GET", "/cases/cases/\(supportCase)")
            #expect(movedCase["item"]?["contactId"] == .string(target))
        }
    }

    @Test func mergeOrganizationsMovesContactsAndRejectsBadSources() async throws {
        try await withSandbox { sandbox in
            let target = try await sandbox.create(.organization, ["name": "Acme"])["id"]?.stringValue ?? ""
            let source =
                try await sandbox.create(.organization, ["name": "ACME Inc.", "website": "acme.example"])["id"]?
                .stringValue ?? ""
            let contact =
                try await sandbox.create(.contact, ["name": "Ann", "organizationId": .string(source)])["id"]?
                .stringValue ?? ""
            let opportunity =
                try await sandbox.create(.opportunity, ["title": "Deal", "organizationId": .string(source)])["id"]?
                .stringValue ?? ""

            let bad = try await sandbox.expect(
                400, "POST", "/directory/organizations/\(target)/merge", json: ["sourceId": [.string(target), "999"]])
            #expect(errorDetails(bad) == ["sourceId[0]": "not_allowed", "sourceId[1]": "unknown_reference"])
            try await sandbox.expect(400, "POST", "/directory/organizations/\(target)/merge", json: ["sourceId": []])
            try await sandbox.expect(
                404, "POST", "/directory/organizations/999/merge", json: ["sourceId": [.string(source)]])
            // nothing changed by the failed attempts
            try await sandbox.expect(200, "GET", "/directory/organizations/\(source)")

            let merged = try await sandbox.expect(
                200, "POST", "/directory/organizations/\(target)/merge", json: ["sourceId": [.string(source)]])
            #expect(merged["item"]?["website"] == "acme.example")
            let movedContact = try await sandbox.expect(200, "GET", "/directory/contacts/\(contact)")
            #expect(movedContact["item"]?["organizationId"] == .string(target))
            let movedOpportunity = try await sandbox.expect(200, "GET", "/pipeline/opportunities/\(opportunity)")
            #expect(movedOpportunity["item"]?["organizationId"] == .string(target))
            #expect(try await sandbox.listIds(.organization, []) == [target])
        }
    }

    @Test func deletingReferencedRecordsClearsReferences() async throws {
        try await withSandbox { sandbox in
            let org = try await sandbox.create(.organization, ["name": "Acme"])["id"]?.stringValue ?? ""
            let contact =
                try await sandbox.create(.contact, ["name": "Ann", "organizationId": .string(org)])["id"]?.stringValue
                ?? ""
            let bulk = try await sandbox.expect(
                200, "POST", "/directory/bulk-actions",
                json: ["entity": "organization", "action": "delete", "ids": [.string(org), "77", "abc", .string(org)]])
            #expect(
                bulk["item"] == [
                    "entity": "organization", "action": "delete", "deleted": [.string(org)], "notFound": ["77", "abc"],
                ])
            let orphan = try await sandbox.expect(200, "GET", "/directory/contacts/\(contact)")
            #expect(orphan["item"]?["organizationId"] == .null)
            let wrongService = try await sandbox.expect(
                400, "POST", "/directory/bulk-actions", json: ["entity": "lead", "action": "archive", "ids": ["1"]])
            #expect(errorDetails(wrongService) == ["entity": "unknown_option", "action": "unknown_option"])
        }
    }
}
