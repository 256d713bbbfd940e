import CRMModel
import Testing

@testable import CRMSchema

@Suite struct PlanRendererTests {
    let plan = SchemaPlan(
        instance: "x",
        changes: [
            ObjectChange(
                address: .form(.contacts), action: .update,
                rows: [
                    ChangeRow(
                        .update, "field custom_1",
                        [AttributeDelta("label", before: "Custom One", after: "Customer Number")]),
                    ChangeRow(.delete, "field legacy", [AttributeDelta("label", before: "Legacy", after: nil)]),
                ]),
            ObjectChange(
                address: .tag(.lead, "partner"), action: .create,
                rows: [
                    ChangeRow(
                        .create, "",
                        [
                            AttributeDelta("color", before: nil, after: "#0a0"),
                            AttributeDelta("label", before: nil, after: "partner"),
                        ])
                ]),
        ],
        conflicts: [Conflict(address: .form(.contacts), reason: "changed outside crmkit")],
        warnings: [
            DataWarning(
                address: .form(.contacts), subject: "field legacy",
                message: "deleting field legacy drops it (2 contacts)", count: 2)
        ])

    @Test func rendersTerraformStyleRows() {
        #expect(
            PlanRenderer(color: false).render(plan) == """
                crmkit will make these changes:

                  ~ form.contacts
                      ~ field custom_1
                          label: "Custom One" → "Customer Number"
                      - field legacy
                          label: "Legacy"
                  + tag.leads["partner"]
                      color: "#0a0"
                      label: "partner"

                Conflicts (the CRM changed outside crmkit since the last pull or apply):
                  ! form.contacts: changed outside crmkit
                  Run `crmkit schema pull` to keep the live version, or apply with --overwrite-drift to replace it.

                Warnings (records affected):
                  ! form.contacts field legacy: deleting field legacy drops it (2 contacts)

                Plan: 1 to create, 1 to update, 0 to delete.
                Deletions need --allow-destroy: form.contacts field legacy.

                """)
    }

    @Test func colourIsOnlyAddedWhenAsked() {
        let coloured = PlanRenderer(color: true).render(plan)
        #expect(coloured.contains("\u{1B}[32m+ tag.leads[\"partner\"]\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31m- field legacy\u{1B}[0m"))
        #expect(!PlanRenderer(color: false).render(plan).contains("\u{1B}"))
    }

    @Test func anEmptyPlanSaysSo() {
        #expect(
            PlanRenderer(color: false).render(SchemaPlan(instance: "x", changes: []))
                == "No changes. The CRM matches the files.\n")
    }
}
