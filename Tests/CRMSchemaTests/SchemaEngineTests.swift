import CRMModel
import Foundation
import Testing

@testable import CRMSchema

@Suite struct SchemaEngineTests {
    let remote = FakeSchemaRemote()
    let folder: TemporaryDirectory
    let directory: SchemaDirectory
    var engine: SchemaEngine<FakeSchemaRemote> { SchemaEngine(remote: remote, directory: directory) }

    init() throws {
        folder = try TemporaryDirectory()
        directory = SchemaDirectory(path: folder.path + "/crm-schema")
    }

    @Test func pullWritesOneFilePerObjectAndAPlanWithNoChanges() async throws {
        let written = try await engine.pull()
        #expect(
            written.sorted() == [
                "case-types/support-request.yaml", "forms/contacts.yaml", "forms/opportunities.yaml",
                "forms/organizations.yaml",
                "tags/cases.yaml", "tags/contacts.yaml", "tags/leads.yaml", "tags/opportunities.yaml",
                "tags/organizations.yaml",
            ])
        let state = try SchemaState.load(from: directory.stateURL)
        #expect(
            state["fake-instance"][.caseType("support-request")]?.remoteID == "7e893fc4-9083-4e00-a283-564973ec2837")
        #expect(state["fake-instance"][.tag(.contact, "vip")]?.remoteID == "tag-vip")
        let contactTags = try folder.read("crm-schema/tags/contacts.yaml")
        #expect(!contactTags.contains("tag-vip"), "remote tag ids stay in the state file")
        let plan = try await engine.plan()
        #expect(plan.changes.isEmpty)
        #expect(plan.conflicts.isEmpty)
    }

    /// Members the files do not manage (here `placeholder`) stay with the CRM: pull leaves them
    /// out, plan does not see them, and apply sends them back unchanged.
    @Test func membersTheFilesDoNotManageStayWithTheCRM() async throws {
        remote.storage.withLock { storage in
            storage.forms[.contacts] = (storage.forms[.contacts] ?? []).map { field in
                var field = field
                if field.id == "name" { field.fields["placeholder"] = "Full name" }
                return field
            }
        }
        try await engine.pull()
        #expect(try !folder.read("crm-schema/forms/contacts.yaml").contains("placeholder"))
        #expect(try await engine.plan().changes.isEmpty)
        try editSpec(directory) { spec in spec.editForm(.contacts) { $0.edit("name") { $0.label = "Full name" } } }
        try await engine.apply(options: ApplyOptions())
        let name = remote.storage.withLock { $0.forms[.contacts]?.first { $0.id == "name" } }
        #expect(name?.label == "Full name")
        #expect(name?.fields["placeholder"] == "Full name")
        #expect(try await engine.plan().changes.isEmpty)
    }

    @Test func aSecondPullWithNoChangeRewritesNothing() async throws {
        try await engine.pull()
        let before = try folder.snapshot()
        let written = try await engine.pull()
        #expect(written.isEmpty)
        #expect(try folder.snapshot() == before)
    }

    @Test func fourEditsPlanExactlyFourChangesAndApplyMakesThem() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in
            spec.makeFourEdits(
                relabel: "custom_1", to: "Customer Number", addOption: FormOption(id: "marketing", label: "Marketing"))
        }
        let plan = try await engine.plan()
        #expect(
            plan.rowSummaries == [
                "~ form.contacts + field department › option marketing",
                "~ form.contacts ~ field custom_1",
                "+ tag.leads[\"partner\"]",
                "~ case_type.support-request + transition Restart (resolved → open)",
            ])
        let label = plan.changes.first?.rows.first { $0.subject == "field custom_1" }?.attributes
        #expect(label == [AttributeDelta("label", before: "Custom One", after: "Customer Number")])

        let steps = try await engine.apply(options: ApplyOptions())
        #expect(steps.count == 3)
        #expect(try await engine.plan().changes.isEmpty)
        let history = try HistoryLog(directory: directory.url, commit: nil).entries()
        #expect(history.map(\.object) == ["tag.leads[\"partner\"]", "form.contacts", "case_type.support-request"])
    }

    @Test func aChangeBehindCrmkitsBackIsReportedAsDriftAndApplyRefusesIt() async throws {
        try await engine.pull()
        remote.mutate { $0.tags[.contact]?[0].color = "#000000" }
        let plan = try await engine.plan()
        #expect(plan.conflicts == [Conflict(address: .tag(.contact, "vip"), reason: "changed outside crmkit")])
        #expect(plan.rowSummaries == ["~ tag.contacts[\"vip\"]"])
        await #expect(throws: SchemaError.self) { try await engine.apply(plan, options: ApplyOptions()) }
        try await engine.apply(plan, options: ApplyOptions(overwriteDrift: true))
        #expect(remote.storage.withLock { $0.tags[.contact]?[0].color } == "#ff0000")
    }

    @Test func aRemovedFieldIsRefusedWithoutAllowDestroyAndWarnedWithItsRecordCount() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in spec.editForm(.contacts) { $0.removeAll { $0.id == "custom_1" } } }
        let plan = try await engine.plan()
        #expect(plan.rowSummaries == ["~ form.contacts - field custom_1"])
        #expect(plan.warnings.map(\.count) == [2])
        #expect(plan.warnings.first?.subject == "field custom_1")
        do {
            try await engine.apply(plan, options: ApplyOptions())
            Issue.record("apply must refuse a deletion without --allow-destroy")
        } catch let error as SchemaError {
            #expect(error.description.contains("form.contacts field custom_1"))
        }
        #expect(remote.storage.withLock { $0.forms[.contacts]?.count } == 4)
        try await engine.apply(plan, options: ApplyOptions(allowDestroy: true))
        #expect(remote.storage.withLock { $0.forms[.contacts]?.contains { $0.id == "custom_1" } } == false)
    }

    @Test func dataWarningsCountRequiredFieldsOptionsTagsAndStatuses() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in
            spec.editForm(.contacts) { fields in
                fields.edit("custom_1") { $0.required = true }
                fields.edit("department") { $0.options?.removeAll { $0.id == "sales" } }
            }
            spec.editTags(.contact) { $0.removeAll() }
            spec.editCaseType("support-request") { caseType in
                caseType.workflow.statuses.removeAll { $0.id == "resolved" }
                caseType.workflow.transitions.removeAll { $0.from == "resolved" || $0.to == "resolved" }
                caseType.workflow.transitions.append(TransitionSpec(label: "Close", from: "in-progress", to: "closed"))
            }
        }
        let plan = try await engine.plan()
        let counts = Dictionary(uniqueKeysWithValues: plan.warnings.map { ("\($0.address) \($0.subject)", $0.count) })
        #expect(
            counts == [
                "form.contacts field custom_1": 1,
                "form.contacts field department › option sales": 1,
                "tag.contacts[\"vip\"] ": 1,
                "case_type.support-request status resolved": 2,
            ])
    }

    @Test func aStaleSavedPlanIsRefusedNamingTheObject() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in spec.editForm(.contacts) { $0.edit("custom_1") { $0.label = "Renamed" } } }
        let plan = try await engine.plan()
        let saved = folder.url.appendingPathComponent("plan.json")
        try plan.save(to: saved)
        remote.mutate { $0.forms[.contacts]?[0].label = "Full Name" }
        do {
            try await engine.apply(try SchemaPlan.load(from: saved), options: ApplyOptions())
            Issue.record("a stale plan must be refused")
        } catch SchemaError.stalePlan(let addresses) {
            #expect(addresses == [.form(.contacts)])
        }
    }

    @Test func anInterruptedApplyCanBeReplannedAndFinished() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in
            spec.editTags(.lead) { $0 = [TagSpec(label: "a", color: "#111"), TagSpec(label: "b", color: "#222")] }
            spec.editForm(.organizations) { $0.edit("name") { $0.label = "Company" } }
        }
        remote.mutate { $0.failWritesAfter = 2 }
        await #expect(throws: SchemaError.self) { try await engine.apply(options: ApplyOptions()) }
        let rest = try await engine.plan()
        #expect(rest.rowSummaries == ["~ form.organizations ~ field name"])
        #expect(rest.conflicts.isEmpty)
        remote.mutate { $0.failWritesAfter = nil }
        try await engine.apply(options: ApplyOptions())
        #expect(try await engine.plan().changes.isEmpty)
    }

    @Test func theSameDirectoryAppliedToTwoFreshInstancesGivesIdenticalConfigurations() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in
            spec.editTags(.case) { $0 = [TagSpec(label: "billing", color: "#4b0082")] }
            spec.editForm(.contacts) {
                $0.edit("department") { $0.options?.append(FormOption(json: ["label": "Public Relations"])!) }
            }
            spec.caseTypes.append(.featureRequest)
        }
        var pulled: [[String: Data]] = []
        for name in ["first", "second"] {
            let fresh = FakeSchemaRemote(identity: name)
            try await SchemaEngine(remote: fresh, directory: directory).apply(options: ApplyOptions(allowDestroy: true))
            let copy = try TemporaryDirectory()
            try await SchemaEngine(remote: fresh, directory: SchemaDirectory(path: copy.path)).pull()
            var files = try copy.snapshot()
            files[SchemaState.fileName] = nil
            pulled.append(files)
            #expect(fresh.storage.withLock { $0.caseTypes.count } == 2)
        }
        #expect(pulled[0] == pulled[1])
        #expect(
            String(decoding: pulled[0]["forms/contacts.yaml"] ?? Data(), as: UTF8.self).contains(
                "{id: public_relations, label: Public Relations}"))
        let state = try SchemaState.load(from: directory.stateURL)
        #expect(Set(state.instances.keys) == ["fake-instance", "first", "second"])
    }

    @Test func aBuiltInFieldLeftOutOfTheFileKeepsItsDefinition() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in
            spec.editForm(.contacts) { $0.removeAll { $0.id == "email" || $0.id == "department" } }
        }
        let plan = try await engine.plan()
        #expect(plan.changes.isEmpty)
        #expect(plan.warnings.isEmpty)
    }
}

extension SchemaEngineTests {
    @Test func aSavedPlanReadsBackAsTheSamePlan() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in
            spec.makeFourEdits(
                relabel: "custom_1", to: "Customer Number", addOption: FormOption(id: "marketing", label: "Marketing"))
        }
        let plan = try await engine.plan()
        let saved = folder.url.appendingPathComponent("plan.json")
        try plan.save(to: saved)
        #expect(try SchemaPlan.load(from: saved) == plan)
        let text = try String(contentsOf: saved, encoding: .utf8)
        #expect(text.contains("\"desired\" : {\n        \"tag\" : {"))
        #expect(text.contains("\"tag.leads[\\\"partner\\\"]\" : \"absent\""))
    }
}

extension SchemaEngineTests {
    @Test func aRenamedTagKeepsItsIdAndRecords() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in
            spec.editTags(.contact) { $0 = [TagSpec(label: "Key account", color: "#ff0000", renamedFrom: "vip")] }
        }
        let plan = try await engine.plan()
        #expect(plan.rowSummaries == ["~ tag.contacts[\"vip\"]"])
        #expect(plan.deletions.isEmpty)
        try await engine.apply(plan, options: ApplyOptions())
        #expect(
            remote.storage.withLock { $0.tags[.contact] } == [
                TagOption(id: "tag-vip", label: "Key account", color: "#ff0000")
            ])
        #expect(try await engine.plan().changes.isEmpty)
    }
}

extension SchemaEngineTests {
    @Test func planningAnEmptyDirectoryAsksForAPullFirst() async throws {
        do {
            _ = try await engine.plan()
            Issue.record("an empty directory has nothing to plan")
        } catch SchemaError.noSchemaFiles(let path) {
            #expect(path == folder.path + "/crm-schema")
        }
    }
}

extension SchemaEngineTests {
    @Test func aPlanMadeForOneInstanceIsRefusedOnAnother() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in spec.editTags(.lead) { $0 = [TagSpec(label: "hot")] } }
        let plan = try await engine.plan()
        let other = SchemaEngine(remote: FakeSchemaRemote(identity: "production"), directory: directory)
        do {
            try await other.apply(plan, options: ApplyOptions())
            Issue.record("a plan for another instance must be refused")
        } catch SchemaError.planForOtherInstance(let planned, let live) {
            #expect((planned, live) == ("fake-instance", "production"))
        }
    }
}

extension SchemaEngineTests {
    @Test func pullRemovesFilesOfDeletedCaseTypesButKeepsNewOnesNotYetApplied() async throws {
        try await engine.pull()
        try editSpec(directory) { spec in spec.caseTypes.append(.featureRequest) }
        remote.mutate { $0.caseTypes.removeAll() }
        let changed = try await engine.pull()
        #expect(changed == ["case-types/support-request.yaml"])
        #expect(directory.load().spec.caseTypes.map(\.key) == ["feature-request"])
    }
}
