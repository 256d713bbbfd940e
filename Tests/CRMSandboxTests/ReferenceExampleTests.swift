import CRMClient
import CRMModel
import Foundation
import Testing

/// The request bodies of the reference, with only its JSON typos fixed (api-notes #20): each is
/// accepted, or rejected with exactly the 400 our rules give.
@Suite struct ReferenceExampleTests {
    static let leadExample1 =
        ##"""
        { "title": "Cloud Migration Project - Acme Corp", "value": { "amount": 25000, "code": "USD" }, \##
        "origin": "referral", "leadRating": "2_warm", "note": "Referred by John Smith. Initial meeting scheduled.", \##
        "organizationId": "456", "owner": { "id": "789", "name": "Sarah Lee", "email": "sarah.lee@example.com" }, \##
        "creator": { "id": "user-012", "name": "Alex Kim", "email": "alex.kim@example.com" }, \##
        "tenantId": "fdsa-4321", "customFields": { } }
        """##
    static let leadExample2 =
        ##"""
        { "title": "Leads with Custom Fields from API", "value": { "code": "USD", "amount": 10000 }, \##
        "origin": "website", "leadRating": "2_warm", "note": "Note", \##
        "owner": { "id": "5c68efa2-6024-4dc9-8b65-b2bc2e26ba17", "name": "MOD Administrator", \##
        "email": "admin@M365x97476737.onmicrosoft.com" }, "organizationId": "1", "contactId": "1", \##
        "followers": [ { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", \##
        "email": "johndoe@me.com" } ], "participants": [ { "id": "123", "name": "John Doe" } ], \##
        "customFields": { "3bf89603-37c2-4324-b3bf-665b7e35be23": "2025-02-20", \##
        "e1e0b23d-163e-46ca-a072-95d50c4c7bb4": { "start": "2025-02-20", "end": "2025-02-21" }, \##
        "08a38c43-c43a-4aa8-9086-ca5015592526": "2025-02-20T09:27", \##
        "21709e77-1af3-4964-8bf2-9494e0811eef": { "start": "2025-02-20T09:27", "end": "2025-02-21T09:27" }, \##
        "569b2afa-91b0-42bf-a7a2-d84b0b216073": [ "5ddd0486-1700-49d3-a7ba-1c95ccaf3a4a" ], \##
        "d8ae48c0-2820-45dc-8934-081a418aef29": "johndoe@email.com", \##
        "b7c579cd-b139-43a8-b4a3-f382e687b10b": { "code": "USD", "amount": 123 }, \##
        "f9c1f41f-dbd8-4941-a8b1-7b8032852447": "1", \##
        "24d66f90-3b91-4868-b358-1700a7b87e18": [ { "id": "5c68efa2-6024-4dc9-8b65-b2bc2e26ba17", \##
        "name": "MOD Administrator", "email": "admin@M365x97476737.onmicrosoft.com" } ], \##
        "70c70538-d21b-4da3-9389-9dd4080e9726": "81234567890", "47c7cc14-2259-4dd3-90fa-921121b07be0": "Text", \##
        "4189f7ce-6ff8-48f8-b05b-fc1244eb0e86": "Text Area", "ddc0617c-9534-40d9-b0ef-a26bdef9d11a": "09:28", \##
        "2c0e1501-3d88-4d03-bbee-ffe85e4960ad": { "start": "09:28", "end": "10:28" }, \##
        "2258b428-d13c-4a7e-8139-d554cdc94c6f": "johndoe.com", \##
        "4c405ec6-8eb8-4060-b873-ce1d09e5267e": [ { "id": "7ed65a4e-a458-48ee-b57b-801b46e7f5d6", \##
        "label": "Tag3", "color": "#FF7A00" } ] } }
        """##
    /// A form defining the custom field ids of lead example 2, with the types its comments name.
    static let leadExample2Form =
        ##"""
        { "fields": [ {"id": "3bf89603-37c2-4324-b3bf-665b7e35be23", "label": "Date", "category": "custom", \##
        "type": "date"}, {"id": "e1e0b23d-163e-46ca-a072-95d50c4c7bb4", "label": "Date Range", \##
        "category": "custom", "type": "date-range"}, {"id": "08a38c43-c43a-4aa8-9086-ca5015592526", \##
        "label": "Date and Time", "category": "custom", "type": "datetime"}, \##
        {"id": "21709e77-1af3-4964-8bf2-9494e0811eef", "label": "Date and Time Range", "category": "custom", \##
        "type": "datetime-range"}, {"id": "569b2afa-91b0-42bf-a7a2-d84b0b216073", "label": "Dropdown", \##
        "category": "custom", "type": "dropdown", "options": [{"id": "5ddd0486-1700-49d3-a7ba-1c95ccaf3a4a", \##
        "label": "Option 1"}]}, {"id": "d8ae48c0-2820-45dc-8934-081a418aef29", "label": "Email", \##
        "category": "custom", "type": "email"}, {"id": "b7c579cd-b139-43a8-b4a3-f382e687b10b", "label": "Monetary", \##
        "category": "custom", "type": "monetary"}, {"id": "f9c1f41f-dbd8-4941-a8b1-7b8032852447", \##
        "label": "Number", "category": "custom", "type": "number"}, {"id": "24d66f90-3b91-4868-b358-1700a7b87e18", \##
        "label": "People Picker", "category": "custom", "type": "people-picker"}, \##
        {"id": "70c70538-d21b-4da3-9389-9dd4080e9726", "label": "Phone", "category": "custom", "type": "tel"}, \##
        {"id": "47c7cc14-2259-4dd3-90fa-921121b07be0", "label": "Text", "category": "custom", "type": "text"}, \##
        {"id": "4189f7ce-6ff8-48f8-b05b-fc1244eb0e86", "label": "Text Area", "category": "custom", \##
        "type": "text-area"}, {"id": "ddc0617c-9534-40d9-b0ef-a26bdef9d11a", "label": "Time", "category": "custom", \##
        "type": "time"}, {"id": "2c0e1501-3d88-4d03-bbee-ffe85e4960ad", "label": "Time Range", \##
        "category": "custom", "type": "time-range"}, {"id": "2258b428-d13c-4a7e-8139-d554cdc94c6f", "label": "Url", \##
        "category": "custom", "type": "url"}, {"id": "4c405ec6-8eb8-4060-b873-ce1d09e5267e", "label": "Tag Picker", \##
        "category": "custom", "type": "tag-picker"} ] }
        """##
    static let leadPatch =
        ##"""
        { "title": "Cloud Migration Service", "value": { "amount": 10000, "code": "USD" }, \##
        "origin": "website", "leadRating": "1_cold", "note": "This is an updated note.", \##
        "owner": { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", \##
        "tags": "lead-tags", "email": "johndoe@me.com" }, "organizationId": "5", "contactId": "5", \##
        "followers": [ { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", \##
        "email": "johndoe@me.com" } ], "participants": [ { "id": "1", "name": "John Doe" } ], \##
        "customFields": { "454f3b6e-4081-482c-8ac9-d25482667f7d": "some_custom_value" }, \##
        "lastUpdatedBy": { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", \##
        "email": "johndoe@me.com" } }
        """##
    static let opportunityCreate =
        ##"""
        { "title": "New Opportunity - Example Corp", "value": { "amount": 50000, "code": "USD" }, \##
        "stage": "stage-xyz", "pipelineId": "c4d5e6f7-8901-2345-6789-abcdef012345", "origin": "inbound", \##
        "leadRating": "3_hot", "note": "Initial contact promising. Schedule demo.", \##
        "organization": { "id": "7", "name": "Example Corp" }, "owner":{ "id": "99999-dfds-4324-sdfsdf", \##
        "name": "Alex Kim", "email": "alex.kim@example.com" }, "creator":{ "id": "88888-dfds-4324-sdfsdf", \##
        "name": "Alex Kim", "email": "alex.kim@example.com" }, "tenantId": "tenant-id-example" }
        """##
    static let opportunityPatch =
        ##"""
        { "title": "Edited", "value": { "amount": 100, "code": "USD" }, "stage": "", "origin": "website", \##
        "leadRating": "1_cold", "note": "This is a note", "tags": "opportunity-tags", \##
        "owner": { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", "email": "johndoe@me.com" }, \##
        "organizationId": "1", "contactId": "1", "followers": [ { "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", \##
        "name": "John Doe", "email": "johndoe@me.com" } ], "participants": [ { "id": "123", \##
        "name": "John Doe" } ], "pipelineId": "727a1a94-dda3-4e68-92cb-343e3e3d4fbc", "customFields": { } }
        """##
    static let contactCreate =
        ##"""
        { "name": "Jane Doe", "email": [ { "label": "Work", "value": "jane.doe@work.com", "primary": true }, \##
        { "label": "Personal", "value": "jane.doe@home.com", "primary": false } ], "phone": [ { "label": "Mobile", \##
        "value": "+15551234567", "primary": true } ], "owner": { "id": "user-123", "name": "John Smith", \##
        "email": "john.smith@example.com" }, "creator": { "id": "user-123", "name": "John Smith", \##
        "email": "john.smith@example.com" }, "organizationId": "42", \##
        "linkedin": "https://www.linkedin.com/in/janedoe", "jobTitle": "Software Engineer", \##
        "seniorityLevel": "2_junior", "department": "engineering", "note": "New contact from conference.", \##
        "tenantId": "your-tenant-id", "customFields": { "custom_field_1": "Some Value" } }
        """##
    static let contactPatch =
        ##"""
        { "name": "Jane A. Doe", "email": [ { "label": "Work", "value": "jane.doe.updated@work.com", \##
        "primary": true } ], "owner": { "id": "user-123", "name": "John Smith", \##
        "email": "john.smith@example.com" }, "jobTitle": "Senior Software Engineer", \##
        "note": "Updated contact details after meeting.", "customFields": { "custom_field_2": "New Value" }, \##
        "lastUpdatedBy":{ "id": "user-123", "name": "John Smith", "email": "john.smith@example.com" } }
        """##
    static let organizationCreate =
        ##"""
        { "name": "Acme Corporation", "address": "123 Main Street, Anytown, USA", "email": [ { "label": "Main", \##
        "value": "info@acme.com", "primary": true } ], "phone": [ { "label": "Office", "value": "+1-555-123-4567", \##
        "primary": true } ], "industry": "Technology", "size": "3_medium", "annualRevenue": "4_tenToHundredMillion", \##
        "website": "https://www.acme.com", "note": "Leading provider of widgets.", "owner": { "id": "user-789", \##
        "name": "Sarah Lee", "email": "sarah.lee@example.com" }, "creator": { "id": "user-789", "name": "Sarah Lee", \##
        "email": "sarah.lee@example.com" }, "tenantId": "your-tenant-id", "customFields": { } }
        """##
    static let organizationPatch =
        ##"""
        { "name": "John Doe Org Edit", "address": "123 Main Street", "email": [ { "label": "Work", \##
        "value": "johndoe@me.com", "primary": true } ], "phone": [ { "label": "Work", \##
        "value": "johndoe@me.com", "primary": true } ], "industry": "Technology", "size": "Small", \##
        "note": "This is a note", "owner": { "id": "0xxxxxxx-1xxx-4xxx-8xxx-3xxxxxxx", \##
        "name": "John Doe", "email": "johndoe@me.com" }, "customFields": { } }
        """##
    static let caseCreate =
        ##"""
        { "title": "Support Request - System Outage", \##
        "description": "Users reporting inability to access the system.", "status": "open", \##
        "organizationId": "4", "contactId": "7", "caseTypeId": "1", "assignee": { "id": "user-abc", \##
        "name": "Support Agent", "email": "support@example.com" }, "priority": "1_high", \##
        "expectedDate": "2024-03-01", "owner": { "id": "user-def", "name": "Case Owner", \##
        "email": "owner@example.com" }, "creator": { "id": "user-def", "name": "Case Owner", \##
        "email": "owner@example.com" }, "tenantId": "tenant-id-example", "customFields": { } }
        """##
    static let casePatch =
        ##"""
        { "title": "Updated Case Title - System Outage Resolved", "status": "In Progress", "tags": "cases-tags", \##
        "description": "System outage resolved. Root cause identified.", "assignee": { "id": "user-xyz", \##
        "name": "New Support Agent", "email": "new.support@example.com" }, "customFields": { }, \##
        "lastUpdatedBy": { "id": "user-123", "name": "Alex Kim", "email": "alex.kim@example.com" } }
        """##
    static let caseTypeCreate =
        ##"""
        { "label": "Feature Request", "form": [ { "id": "title", "label": "Title", "category": "default", \##
        "type": "text", "required": true }, { "id": "contactId", "label": "Contact", "category": "default", \##
        "type": "combobox", "required": true }, { "id": "organizationId", "label": "Organization", \##
        "category": "default", "type": "combobox", "required": true }, { "id": "assignee", "label": "Assignee", \##
        "category": "default", "type": "combobox", "required": false }, { "id": "description", \##
        "label": "Description", "category": "default", "type": "text-area", "required": false } ], \##
        "workflow": { "status": [ { "id": "open", "type": "node", "position": { "x": 100, "y": 100 }, \##
        "data": { "label": "Open", "recordResolutionSLA": false, "color": "#ff0000" } }, { "id": "in-progress", \##
        "type": "node", "position": { "x": 300, "y": 100 }, "data": { "label": "In Progress", \##
        "recordResolutionSLA": true, "color": "#00ff00" } }, { "id": "closed", "type": "node", \##
        "position": { "x": 300, "y": 100 }, "data": { "label": "Closed", "recordResolutionSLA": true, \##
        "color": "#0000ff" } } ], "transition": [ { "id": "03143c6f-c8bd-425e-9eff-31be3011dff9", \##
        "type": "labeledEdge", "label": "Close", "source": "Open", "sourceHandle": null, "target": "Closed", \##
        "targetHandle": null, "data": { "isEditing": false, "recordComment": false } }, \##
        { "id": "03143c6f-c8bd-425e-9eff-31be3011dff9", "type": "labeledEdge", "label": "Start", \##
        "source": "Open", "sourceHandle": null, "target": "In Progress", "targetHandle": null, \##
        "data": { "isEditing": false, "recordComment": false, "authorizedUsers": [ "owner", "assignee" ] } }, \##
        { "id": "3660eb66-9e3e-43c4-8699-391de37fd50e", "type": "labeledEdge", "label": "Resolve", \##
        "source": "Open", "sourceHandle": null, "target": "Resolved", "targetHandle": null, \##
        "data": { "isEditing": false, "recordComment": true } }, { "id": "4336ef9c-10b7-4c3f-9ac3-c1d9071786cd", \##
        "type": "labeledEdge", "label": "Reopen", "source": "Closed", "sourceHandle": null, "target": "Reopened", \##
        "targetHandle": null, "data": { "isEditing": false, "recordComment": true, "authorizedUsers": [ "owner", \##
        "assignee", "requestor" ] } } ] }, "owner": { "id": "user-admin", "name": "Admin User", \##
        "email": "admin@example.com" }, "creator": { "id": "user-admin", "name": "Admin User", \##
        "email": "admin@example.com" }, "tenantId": "d745fd3e-c864-46bf-b945-024d4cad2890" }
        """##
    static let caseTypePatch =
        ##"""
        { "label": "Technical Support Request", "form": [ { "id": "title", "label": "Title", "category": "default", \##
        "type": "text", "required": true }, { "id": "contactId", "label": "Contact", "category": "default", \##
        "type": "combobox", "required": true }, { "id": "organizationId", "label": "Organization", \##
        "category": "default", "type": "combobox", "required": true }, { "id": "assignee", "label": "Assignee", \##
        "category": "default", "type": "combobox", "required": false }, { "id": "description", \##
        "label": "Description", "category": "default", "type": "text-area", "required": true }, { "id": "new_field", \##
        "label": "New Custom Field", "category": "custom", "type": "text", "required": false } ], \##
        "lastUpdatedBy":{ "id": "user-admin", "name": "Admin User", "email": "admin@example.com" } }
        """##
    static let contactsFormPut =
        ##"""
        { "creator": { "id": "user-admin", "name": "Admin User", "email": "admin@example.com" }, \##
        "tenantId": "your-tenant-id", "fields": [ { "id": "name", "label": "Name", "category": "default", \##
        "type": "text", "required": true }, { "id": "email", "label": "Email", "category": "default", \##
        "type": "email_labeled", "labelOptions": ["Work", "Personal", "Other"], "required": true }, \##
        { "id": "phone", "label": "Phone", "category": "default", "type": "tel_labeled", "labelOptions": ["Work", \##
        "Mobile", "Home", "Other"], "required": true }, { "id": "organizationId", "label": "Organization", \##
        "category": "default", "type": "combobox", "required": false }, { "id": "linkedin", "label": "LinkedIn", \##
        "category": "default", "type": "url", "required": false }, { "id": "custom_field_1", \##
        "label": "New Custom Field", "category": "custom", "type": "text", "required": false } ] }
        """##
    static let organizationsFormPut =
        ##"""
        { "creator": { "id": "user-admin", "name": "Admin User", "email": "admin@example.com" }, \##
        "tenantId": "your-tenant-id", "fields": [ { "id": "name", "label": "Name", "category": "default", \##
        "type": "text", "required": true }, { "id": "address", "label": "Address", "category": "default", \##
        "type": "text", "required": false }, { "id": "email", "label": "Email", "category": "default", \##
        "type": "email_labeled", "labelOptions": ["Work", "Personal", "Other"], "required": true }, \##
        { "id": "phone", "label": "Phone", "category": "default", "type": "tel_labeled", \##
        "labelOptions": ["Work", "Mobile", "Home", "Other"], "required": true }, { "id": "website", \##
        "label": "Website", "category": "default", "type": "url", "required": false }, { "id": "custom_field_1", \##
        "label": "New Custom Field", "category": "custom", "type": "text", "required": false } ] }
        """##
    static let opportunitiesFormPut =
        ##"""
        { "creator": { "id": "user-admin", "name": "Admin User", "email": "admin@example.com" }, \##
        "tenantId": "your-tenant-id", "fields": [ { "id": "title", "label": "Title", "category": "default", \##
        "type": "text", "required": true }, { "id": "value", "label": "Estimated Value", "category": "default", \##
        "type": "monetary", "required": true }, { "id": "organizationId", "label": "Organization", \##
        "category": "default", "type": "combobox", "required": false }, { "id": "contactId", \##
        "label": "Contact", "category": "default", "type": "combobox", "required": false }, { "id": "origin", \##
        "label": "Opportunity Origin", "category": "default", "type": "dropdown", "required": true, \##
        "options": ["website", "referral", "partner", "inbound", "other"] }, { "id": "custom_field_1", \##
        "label": "New Custom Field", "category": "custom", "type": "text", "required": false } ] }
        """##

    @Test func recordExamples() async throws {
        try await withSandbox { sandbox in
            // On an empty sandbox the examples' references name nothing.
            let unknownOrg = try await sandbox.expect(400, "POST", "/pipeline/leads", rawBody: Self.leadExample1)
            #expect(errorDetails(unknownOrg) == ["organizationId": "unknown_reference"])
            // Create records up to the ids the examples name (organization 456, contact 7).
            let requester = APIRequester(
                baseURL: sandbox.running.baseURL, apiKey: sandbox.api.apiKey,
                transport: CurlTransport(options: .init(maxConcurrentRequests: 8)))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 1...456 {
                    group.addTask {
                        _ = try await requester.send(
                            "POST", "/directory/organizations", body: Data(##"{"name":"Org \##(index)"}"##.utf8))
                    }
                }
                try await group.waitForAll()
            }
            for index in 1...7 { _ = try await sandbox.create(.contact, ["name": .string("Contact \(index)")]) }

            let lead =
                try await sandbox.expect(201, "POST", "/pipeline/leads", rawBody: Self.leadExample1)["item"] ?? .null
            #expect(lead["creator"]?["id"] == "user-012")
            #expect(lead["tenantId"] != "fdsa-4321")
            let unformed = try await sandbox.expect(201, "POST", "/pipeline/leads", rawBody: Self.leadExample2)
            #expect(unformed["item"]?["customFields"]?["f9c1f41f-dbd8-4941-a8b1-7b8032852447"] == "1")
            try await sandbox.expect(200, "PUT", "/pipeline/forms/opportunities", rawBody: Self.leadExample2Form)
            let formed =
                try await sandbox.expect(201, "POST", "/pipeline/leads", rawBody: Self.leadExample2)["item"] ?? .null
            #expect(formed["customFields"]?["f9c1f41f-dbd8-4941-a8b1-7b8032852447"] == 1)
            let patched =
                try await sandbox.expect(200, "PATCH", "/pipeline/leads/\(lead.recordId)", rawBody: Self.leadPatch)[
                    "item"] ?? .null
            #expect(
                patched["owner"] == [
                    "id": "0b3f5c3e-1b3f-4b3f-8b3f-3b3f5b3f1b3f", "name": "John Doe", "email": "johndoe@me.com",
                ])
            #expect(patched["tags"] == [])

            let opportunity = try await sandbox.expect(
                400, "POST", "/pipeline/opportunities", rawBody: Self.opportunityCreate)
            #expect(errorDetails(opportunity) == ["pipelineId": "unknown_reference"])
            _ = try await sandbox.createTag(.opportunity, "opportunity-tags")
            let opportunityId = try await sandbox.create(.opportunity, ["title": "x"])["id"]?.stringValue ?? ""
            let opportunityPatched = try await sandbox.expect(
                200, "PATCH", "/pipeline/opportunities/\(opportunityId)", rawBody: Self.opportunityPatch)
            #expect(opportunityPatched["item"]?["stage"] == "a19248d2-cde7-4f9c-99d3-06c5dedf625b")
            try await sandbox.expect(
                200, "PATCH", "/pipeline/opportunities/\(opportunityId)/updateStatus",
                rawBody: ##"{ "status": "won" }"##)
            try await sandbox.expect(
                200, "PATCH", "/pipeline/opportunities/\(opportunityId)/updateStatus",
                rawBody:
                    ##"""
                    { "status": "lost", "lostReason": { "reasonId": "too_expensive", \##
                    "comment": "Customer chose a cheaper competitor." }, "lastUpdatedBy": { "id": "user-123", \##
                    "name": "Alex Kim", "email": "alex.kim@example.com" } }
                    """##
            )
            try await sandbox.expect(
                200, "PATCH", "/pipeline/opportunities/\(opportunityId)/updateStage",
                rawBody: ##"{ "stage": "395f9a11-c7d5-4d91-b4bb-8c964cf8d329" }"##)
            try await sandbox.expect(
                400, "PATCH", "/pipeline/opportunities/\(opportunityId)/updateStatus",
                rawBody: ##"{ "status": "won", }"##)

            let contact =
                try await sandbox.expect(201, "POST", "/directory/contacts", rawBody: Self.contactCreate)["item"]
                ?? .null
            #expect(contact["customFields"] == ["custom_field_1": "Some Value"])
            let contactPatched =
                try await sandbox.expect(
                    200, "PATCH", "/directory/contacts/\(contact.recordId)", rawBody: Self.contactPatch)["item"]
                ?? .null
            #expect(contactPatched["customFields"] == ["custom_field_1": "Some Value", "custom_field_2": "New Value"])
            #expect(contactPatched["phone"]?.arrayValue?.count == 1)
            try await sandbox.expect(
                200, "POST", "/directory/contacts/\(contact.recordId)/merge",
                rawBody:
                    ##"""
                    { "sourceId": ["2", "3", "4"], "lastUpdatedBy":{ "id": "user-123", \##
                    "name": "Alex Kim", "email": "alex.kim@example.com" } }
                    """##
            )

            let organization =
                try await sandbox.expect(201, "POST", "/directory/organizations", rawBody: Self.organizationCreate)[
                    "item"] ?? .null
            let badPhone = try await sandbox.expect(
                400, "PATCH", "/directory/organizations/\(organization.recordId)", rawBody: Self.organizationPatch)
            #expect(errorDetails(badPhone) == ["phone[0].value": "invalid_format"])
            try await sandbox.expect(
                200, "POST", "/directory/organizations/\(organization.recordId)/merge",
                rawBody:
                    ##"""
                    { "sourceId": ["2", "3"], "lastUpdatedBy": { "id": "user-123", \##
                    "name": "Alex Kim", "email": "alex.kim@example.com" } }
                    """##
            )

            let badType = try await sandbox.expect(400, "POST", "/cases/cases", rawBody: Self.caseCreate)
            #expect(errorDetails(badType) == ["caseTypeId": "unknown_reference"])
            let caseBody = Self.caseCreate.replacingOccurrences(of: #""caseTypeId": "1", "#, with: "")
            let supportCase = try await sandbox.expect(201, "POST", "/cases/cases", rawBody: caseBody)["item"] ?? .null
            _ = try await sandbox.createTag(.case, "cases-tags")
            let casePatched =
                try await sandbox.expect(200, "PATCH", "/cases/cases/\(supportCase.recordId)", rawBody: Self.casePatch)[
                    "item"] ?? .null
            #expect(casePatched["status"] == "in-progress")
            #expect(casePatched["tags"]?.arrayValue?.first?["label"] == "cases-tags")

            for (entity, path) in [
                ("lead", "/pipeline/bulk-actions"), ("opportunity", "/pipeline/bulk-actions"),
                ("contact", "/directory/bulk-actions"),
                ("organization", "/directory/bulk-actions"), ("case", "/cases/bulk-actions"),
            ] {
                try await sandbox.expect(
                    200, "POST", path,
                    rawBody: ##"{ "entity": "\##(entity)", "action": "delete", "ids": ["1", "2", "3"] }"##)
            }
        }
    }

    @Test func schemaExamples() async throws {
        try await withSandbox { sandbox in
            let caseType =
                try await sandbox.expect(201, "POST", "/cases/types/cases", rawBody: Self.caseTypeCreate)["item"]
                ?? .null
            #expect(caseType["workflow"]?["transition"]?.arrayValue?.count == 4)
            let patched =
                try await sandbox.expect(
                    200, "PATCH", "/cases/types/cases/\(caseType.recordId)", rawBody: Self.caseTypePatch)["item"]
                ?? .null
            #expect(patched["label"] == "Technical Support Request")
            // api-notes #62, #68: the PATCH's order; the default fields it leaves out keep their definition and place
            #expect(
                patched["form"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [
                    "title", "contactId", "organizationId", "assignee", "description", "priority", "expectedDate",
                    "new_field",
                ])
            #expect(patched["form"]?.arrayValue?.first { $0["id"] == "description" }?["required"] == true)

            let tagExamples: [(String, String, String)] = [
                (
                    "/pipeline/tags/leads",
                    ##"{ "label": "high-priority", "color": "#ff0000", "tenantId": "your-tenant-id" }"##,
                    ##"{ "label": "urgent", "color": "#8b0000" }"##
                ),
                (
                    "/pipeline/tags/opportunities",
                    ##"""
                    { "label": "strategic-account", "color": "#800080", \##
                    "tenantId": "d745fd3e-c864-46bf-b945-024d4cad2890" }
                    """##,
                    ##"{ "label": "partner-referred-updated", "color": "#006400" }"##
                ),
                (
                    "/directory/tags/contacts",
                    ##"{ "label": "newsletter-subscriber", "color": "#ffa500", "tenantId": "your-tenant-id" }"##,
                    ##"{ "label": "newsletter-updated", "color": "#00008b" }"##
                ),
                (
                    "/directory/tags/organizations",
                    ##"{ "label": "non-profit", "color": "#228b22", "tenantId": "your-tenant-id" }"##,
                    ##"{ "label": "small-medium-business", "color": "#2e8b57" }"##
                ),
                (
                    "/cases/tags/cases",
                    ##"{ "label": "billing-issue", "color": "#4b0082", "tenantId": "your-tenant-id" }"##,
                    ##"{ "label": "escalated-urgent", "color": "#b8860b" }"##
                ),
            ]
            for (path, create, update) in tagExamples {
                let tag = try await sandbox.expect(201, "POST", path, rawBody: create)
                try await sandbox.expect(200, "PATCH", "\(path)/\(tag.recordId)", rawBody: update)
            }

            let contactForm = try await sandbox.expect(
                200, "PUT", "/directory/forms/contacts", rawBody: Self.contactsFormPut)
            #expect(contactForm["items"]?.arrayValue?.last?["id"] == "custom_field_1")
            let noEmail = try await sandbox.expect(400, "POST", "/directory/contacts", json: ["name": "Only a name"])
            #expect(errorDetails(noEmail) == ["email": "required", "phone": "required"])
            try await sandbox.expect(200, "PUT", "/directory/forms/organizations", rawBody: Self.organizationsFormPut)
            try await sandbox.expect(200, "PUT", "/pipeline/forms/opportunities", rawBody: Self.opportunitiesFormPut)
            let noValue = try await sandbox.expect(
                400, "POST", "/pipeline/leads", json: ["title": "t", "origin": "web"])
            #expect(errorDetails(noValue) == ["value": "required", "origin": "unknown_option"])
        }
    }
}
