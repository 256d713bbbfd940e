import Foundation
import Testing
import CRMModel
@testable import CRMImport

/// Drafts checked against the seeded forms: field types, required fields, custom fields by label,
/// and every reference kind.
@Suite struct DraftValidatorTests {
    func validate(_ yaml: String, _ pairs: [(String, String)], snapshot: SchemaSnapshot = SeededSchema.snapshot) throws
        -> ValidatedDraft
    {
        let mapping = try parseMapping(yaml)
        let validator = DraftValidator(mapping: mapping, snapshot: snapshot)
        #expect(validator.diagnostics.isEmpty, "\(validator.diagnostics)")
        return validator.validate(Mapper(mapping: mapping).map(record(pairs, line: 9)))
    }

    @Test func goodContactBecomesTheStoredBody() throws {
        let result = try validate(
            """
            target: contact
            fields:
              name: Name
              email: [{ from: Email, label: work }]
              seniorityLevel: Level
              linkedin: LinkedIn
            """, [("Name", "Jane"), ("Email", "jane@x.io"), ("Level", "senior"), ("LinkedIn", "linkedin.com/in/jane")])
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.body["email"] == [["label": "Work", "value": "jane@x.io", "primary": true]])
        #expect(result.body["seniorityLevel"] == "4_senior")
    }

    @Test func badValuesAreEachReportedWithFieldValueReasonAndHint() throws {
        let result = try validate(
            """
            target: contact
            fields:
              name: Name
              email: [{ from: Email }]
              phone: [{ from: Phone, label: Pager }]
              department: Dept
              linkedin: LinkedIn
            """,
            [
                ("Name", ""), ("Email", "jane@@x.io"), ("Phone", "555 0100"), ("Dept", "Catering"),
                ("LinkedIn", "ftp://x.io"),
            ])
        let byField = Dictionary(result.problems.map { ($0.field, $0.reason) }, uniquingKeysWith: { first, _ in first })
        #expect(byField == ["name": .required, "email[0].value": .invalidFormat, "phone[0].label": .unknownOption])
        // Optional fields' bad values are dropped (the rules say nothing else), each listed.
        #expect(
            Dictionary(result.draft.dropped.map { ($0.field, $0.reason) }, uniquingKeysWith: { first, _ in first })
                == ["department": .unknownOption, "linkedin": .invalidFormat])
        let email = try #require(result.problems.first { $0.field == "email[0].value" })
        #expect(
            email.description
                == "in.csv:9: error: email[0].value: 'jane@@x.io': invalid_format: "
                + "not an e-mail address (expected local@domain.tld); "
                + "fix the value in the source, or add a transform that rewrites it"
        )
    }

    @Test func customFieldsByLabelOrIdAndRequiredCustomFields() throws {
        var snapshot = SeededSchema.snapshot
        snapshot.forms[.contact, default: []] += [
            FormField(id: "cf-birthday", label: "Birthday", type: .date),
            FormField(id: "cf-shoe", label: "Shoe Size", type: .number, required: true),
        ]
        let yaml = """
            target: contact
            fields:
              name: Name
            customFields:
              birthday: { from: Born, transforms: [{ date: "M/d/yyyy" }] }
              cf-shoe: Shoe
            """
        let good = try validate(yaml, [("Name", "Jane"), ("Born", "2/3/1990"), ("Shoe", "38")], snapshot: snapshot)
        #expect(good.problems.isEmpty)
        #expect(good.body["customFields"] == ["cf-birthday": "1990-02-03", "cf-shoe": 38])
        let bad = try validate(yaml, [("Name", "Jane"), ("Born", ""), ("Shoe", "")], snapshot: snapshot)
        #expect(bad.problems.map(\.field) == ["customFields.Shoe Size"])
        #expect(bad.problems.map(\.reason) == [.required])
    }

    @Test func tagsByLabelCreatedOnlyWhenAllowed() throws {
        var snapshot = SeededSchema.snapshot
        snapshot.tags[.contact] = [TagOption(id: "t-vip", label: "VIP")]
        let strict = "target: contact\nfields:\n  name: N\n  tags: { from: T, transforms: [split] }\n"
        let known = try validate(strict, [("N", "A"), ("T", "vip")], snapshot: snapshot)
        #expect(known.problems.isEmpty)
        #expect(known.body["tags"] == ["t-vip"])
        let unknown = try validate(strict, [("N", "A"), ("T", "vip, gold")], snapshot: snapshot)
        #expect(unknown.problems.map(\.reason) == [.unknownReference])
        #expect(unknown.problems.first?.hint == "known: VIP")
        let creating = try validate(
            "target: contact\nfields:\n  name: N\n  tags: { from: T, transforms: [split], create: true }\n",
            [("N", "A"), ("T", "vip, gold")], snapshot: snapshot)
        #expect(creating.problems.isEmpty)
        #expect(creating.pendingReferences.map(\.value) == ["gold"])
    }

    @Test func organizationsByNameAndContactsByEmail() throws {
        var snapshot = SeededSchema.snapshot
        snapshot.organizationNames = ["acme ltd"]
        snapshot.contactEmails = ["bob@acme.example"]
        let yaml = "target: lead\nfields:\n  title: T\n  organizationId: Org\n  contactId: Email\n"
        let found = try validate(
            yaml, [("T", "x"), ("Org", "ACME Ltd"), ("Email", "Bob@acme.example")], snapshot: snapshot)
        #expect(found.problems.isEmpty)
        #expect(found.pendingReferences.map(\.kind) == [.organization, .contact])
        let missing = try validate(
            yaml, [("T", "x"), ("Org", "Globex"), ("Email", "eve@globex.example")], snapshot: snapshot)
        #expect(missing.problems.map(\.reason) == [.unknownReference, .unknownReference])
        let notAnEmail = try validate(yaml, [("T", "x"), ("Org", ""), ("Email", "Bob Smith")], snapshot: snapshot)
        #expect(notAnEmail.problems.map(\.field) == ["contactId"])
        let creating = try validate(
            "target: lead\nfields:\n  title: T\n  organizationId: { from: Org, create: true }\n",
            [("T", "x"), ("Org", "Globex")], snapshot: snapshot)
        #expect(creating.problems.isEmpty)
    }

    /// A required field that a reference still to be created will fill is not missing, on both
    /// paths: the body the API gets (`validate`) and the draft as mapped (`verdict`, which finds
    /// the reference's field among the form's by position).
    @Test func aRequiredFieldFilledByAReferenceToBeCreatedIsNotMissing() throws {
        var snapshot = SeededSchema.snapshot
        snapshot.organizationNames = []
        let fields = snapshot.forms[.contact] ?? []
        let position = try #require(fields.firstIndex { $0.id?.rawValue == "organizationId" })
        snapshot.forms[.contact]?[position].required = true
        let yaml = "target: contact\nfields:\n  name: N\n  organizationId: { from: Org, create: true }\n"
        let mapping = try parseMapping(yaml)
        let validator = DraftValidator(mapping: mapping, snapshot: snapshot)
        let mapper = Mapper(mapping: mapping)
        let creating = mapper.map(record([("N", "Ann Lee"), ("Org", "Globex")], line: 9))
        #expect(validator.validate(creating).problems.isEmpty)
        #expect(validator.verdict(of: creating).problems.isEmpty)
        let without = mapper.map(record([("N", "Ann Lee"), ("Org", "")], line: 9))
        #expect(validator.validate(without).problems.map(\.field) == ["organizationId"])
        #expect(validator.verdict(of: without).problems.map(\.field) == ["organizationId"])
    }

    @Test func opportunityStagesByLabelWithinAPipeline() throws {
        let yaml = "target: opportunity\nfields:\n  title: T\n  stage: { from: S, pipeline: sales pipeline }\n"
        let good = try validate(yaml, [("T", "x"), ("S", "proposal")])
        #expect(good.body["stage"] == "9151e995-d3e5-4c8b-bda1-c18df07e0cf6")
        #expect(good.body["pipelineId"] == "727a1a94-dda3-4e68-92cb-343e3e3d4fbc")
        let bad = try validate(yaml, [("T", "x"), ("S", "Won")])
        #expect(bad.problems.map(\.reason) == [.unknownReference])
        #expect(bad.problems.first?.hint?.hasPrefix("known: Prospecting, Qualified") == true)
        let noPipeline = try validate(
            "target: opportunity\nfields:\n  title: T\n  stage: { from: S, pipeline: Partners }\n",
            [("T", "x"), ("S", "Qualified")])
        #expect(noPipeline.problems.map(\.field) == ["pipelineId"])
    }

    @Test func opportunityStatusAndLostReason() throws {
        let yaml = """
            target: opportunity
            fields:
              title: T
              status: { from: S, transforms: [lower] }
              lostReason: { object: { reasonId: R } }
            """
        #expect(try validate(yaml, [("T", "x"), ("S", "Lost"), ("R", "no_budget")]).problems.isEmpty)
        let bad = try validate(yaml, [("T", "x"), ("S", "Won"), ("R", "weather")])
        #expect(bad.problems.map(\.field) == ["lostReason", "lostReason.reasonId"])
        #expect(bad.problems.map(\.reason) == [.notAllowed, .unknownOption])
        #expect(
            try validate(yaml, [("T", "x"), ("S", "pending"), ("R", "")]).problems.map(\.reason) == [.unknownOption])
    }

    @Test func caseTypesByLabelAndStatusesWithinTheirWorkflow() throws {
        let yaml = """
            target: case
            fields:
              title: T
              caseTypeId: Type
              status: Status
              priority: Priority
              expectedDate: { from: Due, transforms: [{ date: "yyyy-MM-dd" }] }
            """
        let good = try validate(
            yaml,
            [
                ("T", "x"), ("Type", "support request"), ("Status", "in progress"), ("Priority", "High"),
                ("Due", "2025-03-01"),
            ])
        #expect(good.problems.isEmpty, "\(good.problems)")
        #expect(good.body["caseTypeId"] == "7e893fc4-9083-4e00-a283-564973ec2837")
        #expect(good.body["status"] == "in-progress")
        #expect(good.body["priority"] == "1_high")
        let bad = try validate(
            yaml, [("T", "x"), ("Type", "Feature Request"), ("Status", "Escalated"), ("Priority", "P0"), ("Due", "")])
        // With the case type unknown its workflow is too: the status is left to the CRM.
        #expect(bad.problems.map(\.field) == ["caseTypeId"])
        #expect(bad.draft.dropped.map(\.field) == ["priority"], "an optional field's bad value is dropped")
        let badStatus = try validate(
            yaml, [("T", "x"), ("Type", ""), ("Status", "Escalated"), ("Priority", ""), ("Due", "")])
        #expect(badStatus.problems.map(\.reason) == [.unknownReference])
        #expect(badStatus.problems.first?.hint == "known: Open, In Progress, Resolved, Closed")
    }

    @Test func rejectsFileHoldsOriginalColumnsInOrderPlusReasons() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-rejects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv").path
        try "Name,E-mail,Note\nJane,jane@x.io,ok\n,\"bad, \"\"quoted\"\"\",x\nBob,bob@@x,y\n".write(
            toFile: input, atomically: true, encoding: .utf8)
        let mapping = try parseMapping(
            "target: contact\nfields:\n  name: Name\n  email: [{ from: E-mail }]\n  note: Note\n")
        let rejectsPath = directory.appendingPathComponent("errors.csv").path
        let rejects = try RejectsFile(path: rejectsPath)
        let run = try ValidationRun(mapping: mapping, snapshot: SeededSchema.snapshot, rejects: rejects)
        let report = try run.run(path: input)
        try rejects.close()
        #expect((report.recordsRead, report.valid, report.rejected) == (3, 1, 2))
        #expect(report.rejectedByReason == ["required": 1, "invalid_format": 2])
        let written = try String(contentsOfFile: rejectsPath, encoding: .utf8)
        let lines = written.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "Name,E-mail,Note,crmkit_errors")
        #expect(lines[1].hasPrefix(",\"bad, \"\"quoted\"\"\",x,name: required:"))
        #expect(lines[2].hasPrefix("Bob,bob@@x,y,email[0].value: invalid_format:"))
        // Fed back in with the same mapping, the added column is ignored and the same rows are rejected.
        let again = try ValidationRun(mapping: mapping, snapshot: SeededSchema.snapshot).run(path: rejectsPath)
        #expect((again.recordsRead, again.rejected) == (2, 2))
    }
}
