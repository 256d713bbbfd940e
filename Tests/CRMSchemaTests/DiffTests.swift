import CRMModel
import Testing

@testable import CRMSchema

@Suite struct DiffTests {
    let department = FormField(
        id: "department", label: "Department", type: .dropdown, category: .default,
        options: [FormOption(id: "eng", label: "Engineering"), FormOption(id: "sales", label: "Sales")])

    @Test func identicalFormsHaveNoRows() {
        #expect(FormDiff.rows(live: [department], desired: [department]).isEmpty)
    }

    @Test func unsetAttributesAreEqualWhateverTheirSpelling() {
        var explicit = department
        explicit.required = false
        explicit.labelOptions = []
        #expect(FormDiff.rows(live: [department], desired: [explicit]).isEmpty)
    }

    @Test func attributeChangesHaveBeforeAndAfter() {
        var changed = department
        changed.label = "Team"
        changed.required = true
        let rows = FormDiff.rows(live: [department], desired: [changed])
        #expect(
            rows == [
                ChangeRow(
                    .update, "field department",
                    [
                        AttributeDelta("label", before: "Department", after: "Team"),
                        AttributeDelta("required", before: false, after: true),
                    ])
            ])
    }

    @Test func optionsAreAddedChangedRemovedAndReorderedByID() {
        var changed = department
        changed.options = [FormOption(id: "sales", label: "Sales & Marketing"), FormOption(id: "hr", label: "HR")]
        let rows = FormDiff.rows(live: [department], desired: [changed])
        #expect(
            rows == [
                ChangeRow(
                    .update, "field department › option sales",
                    [AttributeDelta("label", before: "Sales", after: "Sales & Marketing")]),
                ChangeRow(.create, "field department › option hr", [AttributeDelta("label", before: nil, after: "HR")]),
                ChangeRow(
                    .delete, "field department › option eng",
                    [AttributeDelta("label", before: "Engineering", after: nil)]),
            ])
        var reordered = department
        reordered.options = department.options?.reversed()
        #expect(
            FormDiff.rows(live: [department], desired: [reordered]) == [
                ChangeRow(
                    .update, "field department › options",
                    [AttributeDelta("order", before: ["eng", "sales"], after: ["sales", "eng"])])
            ])
    }

    @Test func fieldsAreCreatedDeletedAndReordered() {
        let note = FormField(id: "note", label: "Note", type: .textArea)
        let legacy = FormField(id: "legacy", label: "Legacy", type: .text)
        let rows = FormDiff.rows(live: [department, legacy], desired: [note], prefix: "form › ")
        #expect(
            rows == [
                ChangeRow(
                    .create, "form › field note",
                    [
                        AttributeDelta("category", before: nil, after: "custom"),
                        AttributeDelta("label", before: nil, after: "Note"),
                        AttributeDelta("type", before: nil, after: "text-area"),
                    ]),
                ChangeRow(.delete, "form › field legacy", [AttributeDelta("label", before: "Legacy", after: nil)]),
            ])
        #expect(FormDiff.rows(live: [department, note], desired: [note, department]).map(\.subject) == ["fields"])
    }

    @Test func newOptionsWithoutIDTakeTheLiveIDOfTheirLabelElseASlug() {
        var desired = department
        desired.options = [
            FormOption(json: ["label": "engineering"])!, FormOption(json: ["label": "Public Relations"])!,
        ]
        let live = LiveObjects(LiveSchema(instance: "x", forms: [.contacts: [department]]), state: InstanceState())
        let resolved = DesiredResolution.resolve(
            SchemaSpec(forms: [FormSpec(form: .contacts, fields: [desired])]), live: live)
        #expect(resolved.forms.first?.fields.first?.options?.map(\.id) == ["eng", "public_relations"])
    }

    @Test func tagsMatchByLabelIgnoringCaseAndAColourLeftOutIsNoChange() {
        let live = [
            LiveObjects.Object(
                address: .tag(.lead, "VIP"), remoteID: "t1", spec: TagSpec(label: "VIP", color: "#f00"), hash: "")
        ]
        #expect(TagDiff.changes(entity: .lead, live: live, desired: [TagSpec(label: "VIP")]).isEmpty)
        let renamed = TagDiff.changes(entity: .lead, live: live, desired: [TagSpec(label: "vip", color: "#f00")])
        #expect(renamed.map(\.action) == [.update])
        #expect(renamed.first?.remoteID == "t1")
        let replaced = TagDiff.changes(entity: .lead, live: live, desired: [TagSpec(label: "gold")])
        #expect(replaced.map(\.action) == [.create, .delete])
        #expect(replaced.last?.address == .tag(.lead, "VIP"))
    }

    @Test func transitionsNamedByLabelOrIDAreTheSame() {
        let statuses = [StatusSpec(id: "open", label: "Open"), StatusSpec(id: "done", label: "Done", final: true)]
        let live = WorkflowSpec(
            statuses: statuses, transitions: [TransitionSpec(label: "Finish", from: "open", to: "done")])
        let byLabel = WorkflowSpec(
            statuses: statuses, transitions: [TransitionSpec(label: "Finish", from: "Open", to: "Done")])
        #expect(WorkflowDiff.rows(live: live, desired: byLabel).isEmpty)
        var changed = byLabel
        changed.transitions[0].recordComment = true
        changed.statuses[1].color = "#000"
        changed.transitions.append(TransitionSpec(label: "Reopen", from: "done", to: "open"))
        #expect(
            WorkflowDiff.rows(live: live, desired: changed).map { "\($0.action.symbol) \($0.subject)" } == [
                "~ status done", "~ transition Finish (open → done)", "+ transition Reopen (done → open)",
            ])
    }

    @Test func removedStatusesAndTransitionsAreDeletions() {
        let live = WorkflowSpec(
            statuses: [StatusSpec(id: "open", label: "Open"), StatusSpec(id: "done", label: "Done", final: true)],
            transitions: [TransitionSpec(label: "Finish", from: "open", to: "done")])
        let desired = WorkflowSpec(statuses: [StatusSpec(id: "open", label: "Open", final: true)])
        #expect(
            WorkflowDiff.rows(live: live, desired: desired).map { "\($0.action.symbol) \($0.subject)" } == [
                "~ status open", "- status done", "- transition Finish (open → done)",
            ])
    }

    @Test func caseTypesMatchByKeyAndUnlistedOnesAreDeleted() {
        let spec = CaseTypeSpec(
            key: "bug", label: "Bug", form: [],
            workflow: WorkflowSpec(statuses: [StatusSpec(id: "open", label: "Open", final: true)]))
        let live = [
            LiveObjects.Object(
                address: .caseType("old"), remoteID: "c1",
                spec: CaseTypeSpec(key: "old", label: "Old", form: [], workflow: WorkflowSpec()), hash: "")
        ]
        let changes = CaseTypeDiff.changes(live: live, desired: [spec])
        #expect(changes.map { "\($0.action.symbol) \($0.address)" } == ["+ case_type.bug", "- case_type.old"])
        #expect(changes.last?.remoteID == "c1")
    }

    @Test func driftIsAChangedMissingOrNewObjectComparedWithTheState() {
        let live = LiveObjects(
            LiveSchema(
                instance: "x",
                tags: [.lead: [TagOption(id: "t1", label: "a", color: "#111"), TagOption(id: "t9", label: "new")]]),
            state: InstanceState())
        var state = InstanceState()
        state[.tag(.lead, "a")] = StateEntry(address: .tag(.lead, "a"), remoteID: "t1", hash: "sha256:old")
        state[.tag(.lead, "gone")] = StateEntry(address: .tag(.lead, "gone"), remoteID: "t2", hash: "sha256:x")
        #expect(
            Set(DriftDetector.drift(live: live, state: state)) == [
                Conflict(address: .tag(.lead, "a"), reason: "changed outside crmkit"),
                Conflict(address: .tag(.lead, "gone"), reason: "deleted outside crmkit"),
                Conflict(address: .tag(.lead, "new"), reason: "created outside crmkit"),
            ])
        #expect(DriftDetector.drift(live: live, state: InstanceState()).isEmpty)
    }

    @Test func stepsRunTagsFormsCaseTypesThenDeletions() {
        let changes = [
            ObjectChange(address: .tag(.lead, "x"), action: .delete, rows: []),
            ObjectChange(address: .caseType("bug"), action: .update, rows: []),
            ObjectChange(address: .form(.contacts), action: .update, rows: []),
            ObjectChange(address: .caseType("old"), action: .delete, rows: []),
            ObjectChange(address: .tag(.lead, "y"), action: .create, rows: []),
        ]
        #expect(
            StepOrder.ordered(changes).map(\.address.description) == [
                "tag.leads[\"y\"]", "form.contacts", "case_type.bug", "tag.leads[\"x\"]", "case_type.old",
            ])
    }
}

extension DiffTests {
    @Test func renamedFromRenamesTheLiveTagInsteadOfReplacingIt() {
        let live = [
            LiveObjects.Object(
                address: .tag(.lead, "vip"), remoteID: "t1", spec: TagSpec(label: "vip", color: "#f00"), hash: "")
        ]
        let changes = TagDiff.changes(
            entity: .lead, live: live, desired: [TagSpec(label: "Key account", renamedFrom: "VIP")])
        #expect(
            changes == [
                ObjectChange(
                    address: .tag(.lead, "vip"), action: .update, remoteID: "t1",
                    rows: [ChangeRow(.update, "", [AttributeDelta("label", before: "vip", after: "Key account")])],
                    desired: .tag(TagSpec(label: "Key account", renamedFrom: "VIP")))
            ])
        let afterwards = [
            LiveObjects.Object(
                address: .tag(.lead, "key account"), remoteID: "t1", spec: TagSpec(label: "Key account", color: "#f00"),
                hash: "")
        ]
        #expect(
            TagDiff.changes(
                entity: .lead, live: afterwards, desired: [TagSpec(label: "Key account", renamedFrom: "VIP")]
            ).isEmpty)
    }
}

extension DiffTests {
    @Test func aStatusWithoutColourOrPositionInTheFileKeepsTheLiveOnes() {
        let live = WorkflowSpec(statuses: [
            StatusSpec(id: "open", label: "Open", color: "#808080", final: true, position: ["x": 1, "y": 2])
        ])
        let desired = WorkflowSpec(statuses: [StatusSpec(id: "open", label: "Open", final: true)])
        #expect(WorkflowDiff.rows(live: live, desired: desired).isEmpty)
    }
}
