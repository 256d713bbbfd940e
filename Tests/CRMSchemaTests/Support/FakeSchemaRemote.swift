import CRMModel
import Foundation
import Synchronization

@testable import CRMSchema

/// An in-memory CRM with the sandbox's form, tag and case-type semantics, for engine tests.
/// `failWritesAfter` makes the n+1-th write throw, to interrupt an apply half-way.
final class FakeSchemaRemote: SchemaRemote {
    struct Storage {
        var forms: [SchemaForm: [FormField]] = [:]
        var tags: [EntityKind: [TagOption]] = [:]
        var caseTypes: [CaseType] = []
        var records: [EntityKind: [JSONObject]] = [:]
        var writes = 0
        var failWritesAfter: Int?
        var nextID = 1
    }

    struct InjectedFailure: Error {}

    let identity: String
    let storage: Mutex<Storage>

    init(identity: String = "fake-instance", storage: Storage = FakeSchemaRemote.seeded()) {
        self.identity = identity
        self.storage = Mutex(storage)
    }

    func instanceIdentity(fetched: LiveSchema) async throws -> String { identity }

    func form(_ form: SchemaForm) async throws -> [FormField] { storage.withLock { $0.forms[form] ?? [] } }

    func putForm(_ form: SchemaForm, fields: [FormField]) async throws -> [FormField] {
        try write { storage in
            let kept = (storage.forms[form] ?? []).filter { old in
                old.category == .default && !fields.contains { $0.id == old.id }
            }
            storage.forms[form] = fields + kept
            return storage.forms[form] ?? []
        }
    }

    func tags(of entity: EntityKind) async throws -> [TagOption] { storage.withLock { $0.tags[entity] ?? [] } }

    func createTag(_ tag: TagOption, for entity: EntityKind) async throws -> TagOption {
        try write { storage in
            var created = tag
            created.id = TagID(Self.newID(&storage))
            if created.color == nil { created.color = "#808080" }
            storage.tags[entity, default: []].append(created)
            return created
        }
    }

    func updateTag(id: TagID, _ tag: TagOption, for entity: EntityKind) async throws -> TagOption {
        try write { storage in
            guard let index = storage.tags[entity]?.firstIndex(where: { $0.id == id }) else { throw InjectedFailure() }
            if let label = tag.label { storage.tags[entity]?[index].label = label }
            if let color = tag.color { storage.tags[entity]?[index].color = color }
            return storage.tags[entity]?[index] ?? tag
        }
    }

    func deleteTag(id: TagID, for entity: EntityKind) async throws {
        try write { storage in storage.tags[entity]?.removeAll { $0.id == id } }
    }

    func caseTypes() async throws -> [CaseType] { storage.withLock { $0.caseTypes } }

    func createCaseType(_ caseType: CaseType) async throws -> CaseType {
        try write { storage in
            var created = caseType
            created.id = CaseTypeID(Self.newID(&storage))
            storage.caseTypes.append(created)
            return created
        }
    }

    func updateCaseType(id: CaseTypeID, _ caseType: CaseType) async throws -> CaseType {
        try write { storage in
            guard let index = storage.caseTypes.firstIndex(where: { $0.id == id }) else { throw InjectedFailure() }
            for (key, value) in caseType.fields { storage.caseTypes[index].fields[key] = value }
            return storage.caseTypes[index]
        }
    }

    func deleteCaseType(id: CaseTypeID) async throws {
        try write { storage in storage.caseTypes.removeAll { $0.id == id } }
    }

    func scanRecords(of entity: EntityKind, _ visit: (JSONObject) -> Void) async throws {
        for record in storage.withLock({ $0.records[entity] ?? [] }) { visit(record) }
    }

    /// Changes the CRM "behind crmkit's back" (no write counting, no failure injection).
    func mutate(_ change: (inout Storage) -> Void) { storage.withLock { change(&$0) } }

    private func write<Result>(_ body: (inout Storage) throws -> Result) throws -> Result {
        try storage.withLock { storage in
            if let limit = storage.failWritesAfter, storage.writes >= limit { throw InjectedFailure() }
            storage.writes += 1
            return try body(&storage)
        }
    }

    private static func newID(_ storage: inout Storage) -> String {
        defer { storage.nextID += 1 }
        return "00000000-0000-4000-8000-\(String(format: "%012d", storage.nextID))"
    }
}

extension FakeSchemaRemote {
    /// A small CRM: three forms, one contact tag, the "Support Request" case type, and records
    /// that the data-aware warnings can count.
    static func seeded() -> Storage {
        var storage = Storage()
        storage.forms[.contacts] = [
            FormField(id: "name", label: "Name", type: .text, category: .default, required: true),
            FormField(
                id: "email", label: "Email", type: .emailLabeled, category: .default, labelOptions: ["Work", "Other"]),
            FormField(
                id: "department", label: "Department", type: .dropdown, category: .default,
                options: [
                    FormOption(id: "engineering", label: "Engineering"), FormOption(id: "sales", label: "Sales"),
                ]),
            FormField(id: "custom_1", label: "Custom One", type: .text),
        ]
        storage.forms[.organizations] = [
            FormField(id: "name", label: "Name", type: .text, category: .default, required: true)
        ]
        storage.forms[.opportunities] = [
            FormField(id: "title", label: "Title", type: .text, category: .default, required: true),
            FormField(
                id: "origin", label: "Origin", type: .dropdown, category: .default,
                options: [FormOption("website"), FormOption("referral")]),
        ]
        storage.tags[.contact] = [TagOption(id: "tag-vip", label: "vip", color: "#ff0000")]
        storage.caseTypes = [supportRequest()]
        storage.records[.contact] = [
            [
                "id": "1", "name": "Ada", "department": "sales", "customFields": ["custom_1": "x"],
                "tags": [["id": "tag-vip", "label": "vip", "color": "#ff0000"]],
            ],
            ["id": "2", "name": "Bob", "customFields": ["custom_1": "y"], "tags": []],
            ["id": "3", "name": "Cy", "customFields": [:], "tags": []],
        ]
        storage.records[.case] = [
            ["id": "1", "title": "A", "status": "resolved", "caseTypeId": "7e893fc4-9083-4e00-a283-564973ec2837"],
            ["id": "2", "title": "B", "status": "resolved", "caseTypeId": "7e893fc4-9083-4e00-a283-564973ec2837"],
        ]
        return storage
    }

    static func supportRequest() -> CaseType {
        var caseType = CaseType(
            label: "Support Request",
            form: [
                FormField(id: "title", label: "Title", type: .text, category: .default, required: true),
                FormField(
                    id: "priority", label: "Priority", type: .dropdown, category: .default,
                    options: [FormOption(id: "1_high", label: "High"), FormOption(id: "3_low", label: "Low")]),
            ],
            workflow: Workflow(
                statuses: [
                    WorkflowStatus(id: "open", label: "Open", color: "#1E88E5"),
                    WorkflowStatus(
                        id: "in-progress", label: "In Progress", color: "#FB8C00", recordResolutionSLA: true),
                    WorkflowStatus(id: "resolved", label: "Resolved", color: "#43A047", recordResolutionSLA: true),
                    WorkflowStatus(id: "closed", label: "Closed", color: "#757575"),
                ],
                transitions: [
                    WorkflowTransition(id: "t1", label: "Start", source: "open", target: "in-progress"),
                    WorkflowTransition(id: "t2", label: "Resolve", source: "In Progress", target: "Resolved"),
                    WorkflowTransition(id: "t3", label: "Close", source: "resolved", target: "closed"),
                    WorkflowTransition(id: "t4", label: "Reopen", source: "closed", target: "open"),
                ]))
        caseType.id = "7e893fc4-9083-4e00-a283-564973ec2837"
        return caseType
    }
}
