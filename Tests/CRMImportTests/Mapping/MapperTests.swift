import Testing
import CRMModel
@testable import CRMImport

/// Labeled values, references, custom fields and match keys, built from source records.
@Suite struct MapperTests {
    @Test func labeledValuesFromSeveralColumnsDropRepeatsAndEmpties() throws {
        let mapping = try parseMapping(
            """
            target: contact
            fields:
              name: { template: "{{First Name}} {{Middle Name}} {{Last Name}}" }
              email:
                entries:
                  - { from: "E-mail Address", label: Work }
                  - { from: "E-mail 2 Address", label: Personal }
                  - { from: "E-mail 3 Address", label: Other }
                transforms: [email]
              phone:
                - { from: "Mobile Phone", label: Mobile, primary: true, transforms: [phone] }
                - { from: "Business Phone", label: Work, transforms: [phone] }
            """)
        let draft = Mapper(mapping: mapping).map(
            record([
                ("First Name", "Jane"), ("Middle Name", ""), ("Last Name", "Doe"),
                ("E-mail Address", "Jane@Work.example"),
                ("E-mail 2 Address", "jane@work.EXAMPLE"), ("E-mail 3 Address", "jd@home.example"),
                ("Mobile Phone", "(555) 010-0199"), ("Business Phone", "555-010-0100"),
            ]))
        #expect(draft.problems.isEmpty)
        #expect(draft.fields["name"] == "Jane Doe")
        // Written as the CRM stores lists: `primary` on each entry, the first one primary when none is.
        #expect(
            draft.fields["email"] == [
                ["label": "Work", "value": "jane@work.example", "primary": true],
                ["label": "Other", "value": "jd@home.example", "primary": false],
            ])
        #expect(
            draft.fields["phone"] == [
                ["label": "Mobile", "value": "+15550100199", "primary": true],
                ["label": "Work", "value": "+15550100100", "primary": false],
            ])
    }

    @Test func googleLabelColumnsWithStarMarkingPrimary() throws {
        let mapping = try parseMapping(
            """
            target: contact
            fields:
              name: Name
              email:
                - { from: "E-mail 1 - Value", labelFrom: "E-mail 1 - Type", labels: { home: Personal, work: Work },
                    transforms: [{ split: " ::: " }] }
                - { from: "E-mail 2 - Value", labelFrom: "E-mail 2 - Type", labels: { home: Personal, work: Work } }
            """)
        let draft = Mapper(mapping: mapping).map(
            record([
                ("Name", "Ann"), ("E-mail 1 - Type", "* Home"),
                ("E-mail 1 - Value", "a@home.example ::: a2@home.example"),
                ("E-mail 2 - Type", "Work"), ("E-mail 2 - Value", "ann@work.example"),
            ]))
        #expect(
            draft.fields["email"] == [
                ["label": "Personal", "value": "a@home.example", "primary": true],
                ["label": "Personal", "value": "a2@home.example", "primary": false],
                ["label": "Work", "value": "ann@work.example", "primary": false],
            ])
    }

    @Test func vCardParametersAppleLabelsAndPref() throws {
        let mapping = try parseMapping(
            """
            source: { format: vcard }
            target: contact
            fields:
              name: FN
              email: { property: EMAIL, labels: { work: Work, home: Personal, default: Other }, transforms: [email] }
              phone: { property: TEL, labels: { cell: Mobile, work: Work, home: Home, iphone: Mobile, default: Other },
                       transforms: [phone] }
            """)
        let card = SourceRecord(
            provenance: SourceProvenance(file: "a.vcf", line: 1, record: 1),
            fields: [
                SourceField(name: "FN", value: "Zoë Quinn"),
                SourceField(
                    name: "EMAIL", value: "zoe@home.example",
                    parameters: [SourceParameter(name: "TYPE", values: ["INTERNET", "HOME"])]),
                SourceField(
                    name: "EMAIL", value: "Zoe@Work.example",
                    parameters: [SourceParameter(name: "TYPE", values: ["INTERNET", "WORK", "pref"])]),
                SourceField(
                    name: "TEL", value: "+1 555 010 0111",
                    parameters: [
                        SourceParameter(name: "TYPE", values: ["CELL"]), SourceParameter(name: "PREF", values: ["1"]),
                    ]),
                SourceField(name: "TEL", value: "555 010 0112", group: "item1"),
                SourceField(name: "X-ABLABEL", value: "iPhone", group: "item1"),
            ])
        let draft = Mapper(mapping: mapping).map(card)
        #expect(draft.problems.isEmpty)
        #expect(
            draft.fields["email"] == [
                ["label": "Personal", "value": "zoe@home.example", "primary": false],
                ["label": "Work", "value": "zoe@work.example", "primary": true],
            ])
        #expect(
            draft.fields["phone"] == [
                ["label": "Mobile", "value": "+15550100111", "primary": true],
                ["label": "Mobile", "value": "+15550100112", "primary": false],
            ])
    }

    @Test func referencesOfEveryKind() throws {
        let opportunity = try parseMapping(
            """
            target: opportunity
            fields:
              title: Title
              organizationId: { from: Company, create: true }
              contactId: { from: Contact Email }
              stage: { from: Stage, pipeline: Sales Pipeline }
              tags: { from: Tags, transforms: [{ split: ";" }], create: true }
            """)
        let draft = Mapper(mapping: opportunity).map(
            record([
                ("Title", "Renewal"), ("Company", "Acme Ltd"), ("Contact Email", "Bob@Acme.example"),
                ("Stage", "Qualified"), ("Tags", "vip; renewal"),
            ]))
        #expect(
            draft.references == [
                DraftReference(kind: .organization, field: "organizationId", value: "Acme Ltd", createIfMissing: true),
                DraftReference(kind: .contact, field: "contactId", value: "bob@acme.example"),
                DraftReference(kind: .stage, field: "stage", value: "Qualified", pipeline: "Sales Pipeline"),
                DraftReference(kind: .tag, field: "tags", value: "vip", createIfMissing: true),
                DraftReference(kind: .tag, field: "tags", value: "renewal", createIfMissing: true),
            ])
        let cases = try parseMapping("target: case\nfields:\n  title: T\n  caseTypeId: Type\n  status: Status\n")
        let caseDraft = Mapper(mapping: cases).map(
            record([("T", "Broken"), ("Type", "support request"), ("Status", "In Progress")]))
        #expect(caseDraft.references.map(\.kind) == [.caseType, .caseStatus])
        #expect(
            mappingDiagnostics("target: case\nfields:\n  title: T\n  caseTypeId: { from: Type, create: true }\n").first?
                .message
                == "caseTypeId cannot be created by an import")
    }

    @Test func matchKeysSkipAlternativesWithAnEmptyPart() throws {
        let mapping = try parseMapping(
            """
            target: contact
            fields:
              name: Name
              email: [{ from: Email }]
              phone: [{ from: Phone }]
            extras:
              birthDate: { from: DOB, transforms: [{ date: yyyyMMdd }] }
            matchKeys:
              - [email]
              - [phone, name]
              - [name, extras.birthDate]
            """)
        let mapper = Mapper(mapping: mapping)
        let full = mapper.map(
            record([("Name", "Jane  DOE"), ("Email", "Jane@X.io"), ("Phone", "+1 (555) 010-0100"), ("DOB", "19800102")])
        )
        #expect(
            full.matchKeys == [
                MatchKeyValue(targets: ["email"], values: ["jane@x.io"]),
                MatchKeyValue(targets: ["phone", "name"], values: ["15550100100", "jane doe"]),
                MatchKeyValue(targets: ["name", "extras.birthDate"], values: ["jane doe", "1980-01-02"]),
            ])
        let partial = mapper.map(record([("Name", "Jane Doe"), ("Email", ""), ("Phone", ""), ("DOB", "")]))
        #expect(partial.matchKeys.isEmpty)
        #expect(partial.extras.isEmpty)
    }

    @Test func problemsAreCollectedPerFieldNotThrownAtTheFirst() throws {
        let mapping = try parseMapping(
            """
            target: lead
            fields:
              title: Title
              value: { from: Amount, transforms: [{ money: USD }] }
              leadRating: { from: Rating, transforms: [{ map: { Hot: 3_hot }, otherwise: reject }] }
            customFields:
              Met On: { from: Met, transforms: [{ date: "M/d/yyyy" }] }
            """)
        let draft = Mapper(mapping: mapping).map(
            record([("Title", "X"), ("Amount", "lots"), ("Rating", "Tepid"), ("Met", "13/1/2024")], line: 7))
        // `otherwise: reject` refuses the record; the other failures wait for the form to say
        // whether their fields are required (see FailurePolicyTests).
        #expect(draft.problems.map(\.field) == ["leadRating"])
        #expect(draft.pendingDrops.map(\.problem.field) == ["value", "customFields.Met On"])
        #expect(
            draft.pendingDrops.first?.problem.description.hasPrefix("in.csv:7: error: value: 'lots': invalid_format:")
                == true)
        #expect(draft.fields["title"] == "X")
    }

    @Test func severalValuesForASingleValuedFieldNeedAJoin() throws {
        let mapping = try parseMapping(
            "target: contact\nfields:\n  name: { from: N, transforms: [{ split: \"/\" }] }\n")
        let draft = Mapper(mapping: mapping).map(record([("N", "Ann/Bob")]))
        #expect(draft.problems.first?.reason == .invalidType)
        #expect(draft.problems.first?.hint == "add a join or first transform")
    }
}
