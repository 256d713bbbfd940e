import CRMClient
import CRMModel
import Foundation
import Testing

@testable import CRMSchema

/// pull / plan / apply against the real sandbox server over HTTP.
@Suite struct SandboxEndToEndTests {
    let folder: TemporaryDirectory
    let directory: SchemaDirectory

    init() throws {
        folder = try TemporaryDirectory()
        directory = SchemaDirectory(path: folder.path + "/crm-schema")
    }

    func engine(_ sandbox: SchemaSandbox) -> SchemaEngine<ClientSchemaRemote> {
        SchemaEngine(remote: sandbox.remote, directory: directory)
    }

    @Test func pullPlanEditApplyAndPlanAgain() async throws {
        try await withSandboxes { sandboxes in
            let engine = engine(sandboxes[0])
            try await engine.pull()
            let first = try await engine.plan()
            #expect(first.changes.isEmpty, "\(PlanRenderer(color: false).render(first))")
            #expect(try await engine.pull().isEmpty, "a second pull rewrites nothing")
            let instances = try SchemaState.load(from: directory.stateURL).instances.keys
            #expect(
                instances.count == 1 && instances.allSatisfy { $0.hasPrefix("tenant:") },
                "the state is keyed by the sandbox's tenant")

            try editSpec(directory) { spec in
                spec.makeFourEdits(
                    relabel: "jobTitle", to: "Position",
                    addOption: try #require(FormOption(json: ["label": "Public Relations"])))
            }
            let plan = try await engine.plan()
            #expect(
                plan.rowSummaries == [
                    "~ form.contacts ~ field jobTitle",
                    "~ form.contacts + field department › option public_relations",
                    "+ tag.leads[\"partner\"]",
                    "~ case_type.support-request + transition Restart (resolved → open)",
                ], "\(PlanRenderer(color: false).render(plan))")
            try await engine.apply(plan, options: ApplyOptions())

            let after = try await engine.plan()
            #expect(after.changes.isEmpty, "\(PlanRenderer(color: false).render(after))")
            let client = sandboxes[0].client
            #expect(try await client.forms.get(.contacts).first { $0.id == "jobTitle" }?.label == "Position")
            #expect(try await client.tags(for: .lead).list().map(\.label) == ["partner"])
            let workflow = try await client.caseTypes.list().first?.workflow
            #expect(workflow?.transitions?.contains { $0.label == "Restart" } == true)
        }
    }

    @Test func aChangeMadeBehindCrmkitsBackIsDrift() async throws {
        try await withSandboxes { sandboxes in
            let engine = engine(sandboxes[0])
            try await engine.pull()
            try editSpec(directory) { spec in spec.editTags(.contact) { $0 = [TagSpec(label: "vip", color: "#ff0000")] }
            }
            try await engine.apply(options: ApplyOptions())
            let client = sandboxes[0].client
            let vip = try #require(try await client.tags(for: .contact).list().first)
            _ = try await client.tags(for: .contact).update(
                try #require(vip.id), TagOption(label: "vip", color: "#000000"))
            _ = try await client.forms.put(
                .organizations, fields: [FormField(id: "industry", label: "Sector", type: .text, category: .default)])

            let plan = try await engine.plan()
            #expect(plan.conflicts.map(\.address) == [.form(.organizations), .tag(.contact, "vip")])
            #expect(plan.conflicts.allSatisfy { $0.reason == "changed outside crmkit" })
            await #expect(throws: SchemaError.self) { try await engine.apply(plan, options: ApplyOptions()) }
            try await engine.apply(plan, options: ApplyOptions(overwriteDrift: true))
            #expect(try await client.tags(for: .contact).list().first?.color == "#ff0000")
            let after = try await engine.plan()
            #expect(after.changes.isEmpty && after.conflicts.isEmpty, "\(PlanRenderer(color: false).render(after))")
        }
    }

    @Test func aRemovedFieldIsWarnedWithItsRecordCountAndRefusedWithoutAllowDestroy() async throws {
        try await withSandboxes { sandboxes in
            let engine = engine(sandboxes[0])
            try await engine.pull()
            try editSpec(directory) { spec in
                spec.editForm(.contacts) { $0.append(FormField(id: "shoe_size", label: "Shoe size", type: .number)) }
            }
            try await engine.apply(options: ApplyOptions())
            let contacts = sandboxes[0].client.contacts
            for (name, size) in [("Ada", 38), ("Bob", 44), ("Cy", nil)] {
                var contact = Contact(name: name)
                if let size { contact.customFields = ["shoe_size": .integer(Int64(size))] }
                _ = try await contacts.create(contact)
            }

            try editSpec(directory) { spec in spec.editForm(.contacts) { $0.removeAll { $0.id == "shoe_size" } } }
            let plan = try await engine.plan()
            #expect(plan.rowSummaries == ["~ form.contacts - field shoe_size"])
            #expect(plan.warnings.map(\.count) == [2])
            #expect(plan.warnings.first?.message.hasSuffix("(2 contacts)") == true)
            do {
                try await engine.apply(plan, options: ApplyOptions())
                Issue.record("apply must refuse the deletion")
            } catch SchemaError.destroyNotAllowed(let subjects) {
                #expect(subjects == ["form.contacts field shoe_size"])
            }
            #expect(try await sandboxes[0].client.forms.get(.contacts).contains { $0.id == "shoe_size" })
            try await engine.apply(plan, options: ApplyOptions(allowDestroy: true))
            #expect(try await engine.plan().changes.isEmpty)
        }
    }

    @Test func aStaleSavedPlanIsRefused() async throws {
        try await withSandboxes { sandboxes in
            let engine = engine(sandboxes[0])
            try await engine.pull()
            try editSpec(directory) { spec in
                spec.editTags(.case) { $0 = [TagSpec(label: "billing", color: "#4b0082")] }
            }
            let saved = folder.url.appendingPathComponent("plan.json")
            try await engine.plan().save(to: saved)
            _ = try await sandboxes[0].client.tags(for: .case).create(label: "Billing", color: "#123456")
            do {
                try await engine.apply(try SchemaPlan.load(from: saved), options: ApplyOptions())
                Issue.record("a stale plan must be refused")
            } catch SchemaError.stalePlan(let addresses) {
                #expect(addresses == [.tag(.case, "billing")])
            }
        }
    }

    @Test func theSameDirectoryAppliedToTwoFreshSandboxesGivesIdenticalConfigurations() async throws {
        try await withSandboxes(2) { sandboxes in
            try await engine(sandboxes[0]).pull()
            try editSpec(directory) { spec in
                spec.editTags(.opportunity) { $0 = [TagSpec(label: "strategic", color: "#800080")] }
                spec.editForm(.opportunities) {
                    $0.append(
                        FormField(
                            id: "region", label: "Region", type: .dropdown,
                            options: [FormOption(json: ["label": "EMEA"])!, FormOption(json: ["label": "Americas"])!]))
                }
                spec.caseTypes.append(.featureRequest)
            }
            var pulled: [[String: Data]] = []
            for sandbox in sandboxes {
                try await engine(sandbox).apply(options: ApplyOptions())
                let after = try await engine(sandbox).plan()
                #expect(
                    after.changes.isEmpty, "the new case type converges: \(PlanRenderer(color: false).render(after))")
                let copy = try TemporaryDirectory()
                try await SchemaEngine(remote: sandbox.remote, directory: SchemaDirectory(path: copy.path)).pull()
                var files = try copy.snapshot()
                files[SchemaState.fileName] = nil
                pulled.append(files)
            }
            #expect(pulled[0].keys.sorted() == pulled[1].keys.sorted())
            #expect(pulled[0] == pulled[1])
            #expect(pulled[0]["case-types/feature-request.yaml"] != nil)
        }
    }
}

extension SandboxEndToEndTests {
    @Test func removingAStatusThatCasesAreInIsWarnedWithTheirCount() async throws {
        try await withSandboxes { sandboxes in
            let engine = engine(sandboxes[0])
            try await engine.pull()
            for title in ["A", "B"] {
                var newCase = Case(title: title)
                newCase.status = "resolved"
                _ = try await sandboxes[0].client.cases.create(newCase)
            }
            _ = try await sandboxes[0].client.cases.create(Case(title: "C"))
            try editSpec(directory) { spec in
                spec.editCaseType("support-request") { caseType in
                    caseType.workflow.statuses.removeAll { $0.id == "resolved" }
                    caseType.workflow.transitions.removeAll { $0.from == "resolved" || $0.to == "resolved" }
                }
            }
            #expect(SchemaLinter.lint(directory.load()).isEmpty)
            let plan = try await engine.plan()
            let warnings = plan.warnings.map { "\($0.subject): \($0.count)" }
            #expect(warnings == ["status resolved: 2"])
            #expect(plan.deletions.contains("case_type.support-request status resolved"))
            try await engine.apply(plan, options: ApplyOptions(allowDestroy: true))
            #expect(try await engine.plan().changes.isEmpty)
        }
    }
}
