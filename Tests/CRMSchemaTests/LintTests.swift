import CRMModel
import Foundation
import Testing

@testable import CRMSchema

@Suite struct LintTests {
    let folder: TemporaryDirectory
    let directory: SchemaDirectory

    init() throws {
        folder = try TemporaryDirectory()
        directory = SchemaDirectory(path: folder.path)
    }

    func lint() -> [SchemaDiagnostic] { SchemaLinter.lint(directory.load()) }

    func messages() -> [String] { lint().map { "\($0.line):\($0.column): \($0.message)" } }

    static let goodForm = """
        form: contacts
        fields:
        - id: name
          label: Name
          type: text
          required: true
        - id: department
          label: Department
          type: dropdown
          options:
          - {id: sales, label: Sales}
          - marketing
        """

    static let goodCaseType = """
        label: Bug
        workflow:
          statuses:
          - {id: open, label: Open, color: '#f00'}
          - {id: fixed, label: Fixed, color: '#00ff00', final: true}
          transitions:
          - {label: Fix, from: Open, to: fixed}
        """

    @Test func goodFilesHaveNoFindings() throws {
        try folder.write("forms/contacts.yaml", Self.goodForm)
        try folder.write("tags/leads.yaml", "entity: leads\ntags:\n- {label: vip, color: '#ABCDEF'}\n- {label: cold}\n")
        try folder.write("case-types/bug.yaml", Self.goodCaseType)
        #expect(lint().isEmpty)
    }

    @Test func yamlSyntaxErrorsNameFileLineAndColumn() throws {
        try folder.write("forms/contacts.yaml", "form: contacts\nfields:\n- id: name\n  label: [unclosed\n")
        let diagnostics = lint()
        #expect(diagnostics.count == 1)
        let text = diagnostics.first?.description ?? ""
        #expect(text.hasPrefix(folder.path + "/forms/contacts.yaml:"))
        #expect(diagnostics.first?.line == 5)
        #expect(text.contains(": error: YAML syntax:"))
    }

    @Test func unknownKeysAndWrongShapesAreReportedWhereTheyAre() throws {
        try folder.write("tags/leads.yaml", "entity: leads\ntags:\n- lable: vip\n")
        #expect(
            messages() == [
                "3:3: a tag needs 'label'",
                "3:3: unknown key 'lable' in a tag",
            ])
    }

    /// A typo is refused where it was typed, in every kind of schema file, with the key meant.
    @Test func misspeltKeysAreRefusedInEveryFileKind() throws {
        try folder.write(
            "forms/contacts.yaml",
            """
            form: contacts
            fields:
            - id: name
              label: Name
              type: text
              requird: true
            - id: department
              label: Department
              type: dropdown
              options:
              - {id: sales, lable: Sales}
            """)
        try folder.write("tags/leads.yaml", "entity: leads\ntags:\n- {label: vip, colour: '#fff'}\n")
        try folder.write(
            "case-types/bug.yaml",
            """
            label: Bug
            form:
            - {id: title, label: Title, type: text, categroy: default}
            workflow:
              statuses:
              - {id: open, label: Open, finl: true}
              transitions:
              - {label: Fix, from: open, too: open}
            wokflow: {}
            """)
        let found = lint().filter { $0.message.hasPrefix("unknown key") }.map { diagnostic in
            diagnostic.description.replacingOccurrences(of: folder.path + "/", with: "")
        }
        #expect(
            found.sorted() == [
                "case-types/bug.yaml:3:41: error: unknown key 'categroy' in a field; did you mean 'category'?",
                "case-types/bug.yaml:6:29: error: unknown key 'finl' in a status; did you mean 'final'?",
                "case-types/bug.yaml:8:30: error: unknown key 'too' in a transition; did you mean 'to'?",
                "case-types/bug.yaml:9:1: error: unknown key 'wokflow' in a case type file; did you mean 'workflow'?",
                "forms/contacts.yaml:11:17: error: unknown key 'lable' in an option; did you mean 'label'?",
                "forms/contacts.yaml:6:3: error: unknown key 'requird' in a field; did you mean 'required'?",
                "tags/leads.yaml:3:16: error: unknown key 'colour' in a tag; did you mean 'color'?",
            ])
        #expect(lint().allSatisfy { $0.severity == .error || !$0.message.hasPrefix("unknown key") })
    }

    @Test func duplicateFieldIDs() throws {
        try folder.write(
            "forms/contacts.yaml",
            "form: contacts\nfields:\n- {id: a, label: A, type: text}\n- {id: a, label: B, type: text}\n")
        #expect(messages() == ["4:8: duplicate field id 'a' (first at line 3); field ids must be unique within a form"])
    }

    @Test func unknownFieldTypes() throws {
        try folder.write("forms/contacts.yaml", "form: contacts\nfields:\n- {id: a, label: A, type: txt}\n")
        #expect(messages().count == 1)
        #expect(
            messages().first?.hasPrefix("3:27: field 'a' has unknown type 'txt'; use one of: text, text-area") == true)
    }

    @Test func dropdownsNeedOptionsAndUniqueOnes() throws {
        try folder.write(
            "forms/contacts.yaml",
            """
            form: contacts
            fields:
            - {id: a, label: A, type: dropdown}
            - id: b
              label: B
              type: dropdown
              options: [x, x]
            """)
        #expect(
            messages() == [
                "3:3: dropdown field 'a' has no options; add at least one under 'options:'",
                "7:16: duplicate option 'x' in field 'b'; options must be unique",
            ])
    }

    @Test func duplicateTagLabelsIgnoringCaseAndBadColours() throws {
        try folder.write(
            "tags/contacts.yaml",
            "entity: contacts\ntags:\n- {label: VIP, color: '#12345'}\n- {label: vip, color: red}\n")
        #expect(
            messages() == [
                "3:23: tag 'VIP' colour '#12345' is not #rgb or #rrggbb hex; write it like '#1e88e5' (quoted)",
                "4:11: duplicate tag label 'vip' (same as tag 1, ignoring "
                    + "case); labels are the tags' keys and must be unique",
                "4:23: tag 'vip' colour 'red' is not #rgb or #rrggbb hex; write it like '#1e88e5' (quoted)",
            ])
    }

    @Test func fileNameAndDeclaredNameMustAgree() throws {
        try folder.write("tags/leads.yaml", "entity: contacts\ntags: []\n")
        #expect(
            messages() == [
                "1:9: this file describes the tags of 'contacts' but is "
                    + "named after 'leads'; rename the file or fix 'entity'"
            ])
    }

    @Test func unreachableStatusesAndDeadEndsWithoutFinal() throws {
        try folder.write(
            "case-types/bug.yaml",
            """
            label: Bug
            workflow:
              statuses:
              - {id: open, label: Open}
              - {id: fixed, label: Fixed}
              - {id: orphan, label: Orphan, final: true}
              transitions:
              - {label: Fix, from: open, to: fixed}
              - {label: Fix, from: open, to: Fixed}
            """)
        #expect(
            messages() == [
                "5:5: status 'fixed' has no transition out; add one, or mark it 'final: true' if cases end there",
                "6:5: status 'orphan' cannot be reached from the initial "
                    + "status 'open'; add a transition into it or remove it",
                "9:5: duplicate transition 'Fix' from 'open' to 'fixed'; remove one",
            ])
    }

    @Test func aWorkflowNeedsAStatus() throws {
        try folder.write("case-types/bug.yaml", "label: Bug\nworkflow:\n  statuses: []\n  transitions: []\n")
        #expect(messages() == ["3:3: the workflow needs at least one status; the first one is where new cases start"])
    }

    /// The reference's own example: transitions to "Resolved" and "Reopened", which are not
    /// statuses. Lint reports exactly those dangling ends and nothing else.
    @Test func theReferenceFeatureRequestExampleHasDanglingTransitions() throws {
        let caseType = try JSONDecoder().decode(CaseType.self, from: Data(referenceFeatureRequestJSON.utf8))
        try directory.write(SchemaSpec(caseTypes: [SpecProjection.caseType(caseType, key: "feature-request")]))
        let diagnostics = lint()
        #expect(diagnostics.count == 9)
        #expect(diagnostics.allSatisfy { $0.message.contains("which is not a status of this workflow") })
        let named = Set(
            diagnostics.compactMap { diagnostic in
                ["'Resolved'", "'Reopened'"].first { diagnostic.message.contains($0) }
            })
        #expect(named == ["'Resolved'", "'Reopened'"])
        #expect(diagnostics.allSatisfy { $0.file.hasSuffix("case-types/feature-request.yaml") && $0.line > 1 })
    }
}

extension LintTests {
    @Test func duplicateKeysAreYAMLErrors() throws {
        try folder.write("tags/leads.yaml", "entity: leads\ntags:\n- label: a\n  label: b\n")
        let diagnostics = lint()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("duplicate key label") == true)
        #expect(diagnostics.first?.line == 3)
    }
}

extension LintTests {
    @Test func aRenameFromALabelStillInTheFileIsIgnoredWithAWarning() throws {
        try folder.write("tags/leads.yaml", "entity: leads\ntags:\n- {label: a}\n- {label: b, renamedFrom: A}\n")
        let diagnostics = lint()
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(
            diagnostics.first?.message
                == "tag 'b' is renamed from 'A', which is still a tag in this file; the rename is ignored")
    }
}

extension LintTests {
    @Test func labeledFieldsNeedLabelOptions() throws {
        try folder.write(
            "forms/contacts.yaml",
            """
            form: contacts
            fields:
            - {id: email, label: Email, type: email_labeled}
            - {id: phone, label: Phone, type: tel_labeled, labelOptions: [Work]}

            """
        )
        #expect(messages() == ["3:3: field 'email' is email_labeled and needs 'labelOptions' (e.g. [Work, Other])"])
    }
}

extension LintTests {
    @Test func categoriesAndOptionsOnOtherTypes() throws {
        try folder.write(
            "forms/contacts.yaml",
            "form: contacts\nfields:\n- {id: a, label: A, type: text, category: builtin, options: [x]}\n")
        #expect(
            lint().map { "\($0.severity.rawValue) \($0.line):\($0.column): \($0.message)" } == [
                "error 3:43: field 'a' has category \"builtin\"; use default or custom",
                "warning 3:61: field 'a' is not a dropdown; its options are ignored",
            ])
    }

    @Test func caseTypeFileNamesLabelsAndStatuses() throws {
        try folder.write(
            "case-types/Bug Report.yaml",
            """
            label: ''
            workflow:
              statuses:
              - {id: open, label: Open, color: blue, final: true}
              - {id: open, label: Again, final: true}
              transitions: []
            """)
        #expect(
            messages() == [
                "1:1: case type file name 'Bug Report' is not a key; use lowercase "
                    + "letters, digits and dashes (e.g. feature-request.yaml)",
                "1:8: a case type needs a non-empty 'label'",
                "4:36: status 'open' colour 'blue' is not #rgb or #rrggbb hex; write it like '#1e88e5' (quoted)",
                "5:10: duplicate status id 'open'; status ids must be unique",
            ])
    }
}
