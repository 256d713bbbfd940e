import Testing
import CRMModel
@testable import CRMImport

/// Problems in the mapping file itself are reported with the file's line and column.
@Suite struct MappingFileErrorTests {
    @Test func unknownTransformNamesLineColumnAndSuggestion() throws {
        let diagnostics = mappingDiagnostics(
            """
            target: contact
            fields:
              name:
                from: Name
                transforms: [trim, lowr]
            """)
        #expect(diagnostics.count == 1)
        let first = try #require(diagnostics.first)
        #expect(first.message == "unknown transform 'lowr'")
        #expect(first.location.line == 5 && first.location.column == 24)
        #expect(first.hint?.contains("did you mean 'lower'?") == true)
        #expect(first.description.hasPrefix("m.yaml:5:24: error: unknown transform 'lowr'"))
    }

    @Test func unknownTargetField() throws {
        let diagnostics = mappingDiagnostics(
            """
            target: contact
            fields:
              name: Name
              jobtitle: Title
            """)
        let first = try #require(diagnostics.first)
        #expect(first.message == "unknown key 'jobtitle' in the fields of a contact")
        #expect((first.location.line, first.location.column) == (4, 3))
        #expect(first.hint == "did you mean 'jobTitle'?")
    }

    @Test func badRegex() throws {
        let diagnostics = mappingDiagnostics(
            """
            target: contact
            fields:
              name:
                from: Name
                transforms:
                  - replace: { pattern: "([a-z", with: "" }
            """)
        let first = try #require(diagnostics.first)
        #expect(first.message.hasPrefix("bad regular expression '([a-z'"))
        #expect(first.location.line == 6)
    }

    @Test func templateNamingMissingColumn() throws {
        let mapping = try parseMapping(
            """
            target: contact
            fields:
              name: { template: "{{First Name}} {{Lst Name}}" }
            """)
        let missing = mapping.missingColumns(available: ["First Name", "Last Name"])
        #expect(missing.count == 1)
        #expect(missing.first?.message == "the source has no field 'Lst Name'")
        #expect(missing.first?.hint == "did you mean 'Last Name'?")
        #expect(missing.first?.location.line == 3)
    }

    @Test func unclosedTemplateAndEmptyRule() {
        let diagnostics = mappingDiagnostics(
            """
            target: contact
            fields:
              name: { template: "{{First Name" }
              note: { transforms: [trim] }
            """)
        #expect(diagnostics.map(\.location.line) == [3, 4])
        #expect(diagnostics.first?.message.contains("without closing }}") == true)
    }

    @Test func entityZoneDatePatternAndMatchKeys() {
        #expect(mappingDiagnostics("target: person\n").first?.message == "unknown target entity 'person'")
        #expect(mappingDiagnostics("fields: {}\n").first?.message == "the mapping names no target entity")
        let zone = mappingDiagnostics(
            """
            target: lead
            fields:
              title: T
            customFields:
              Met: { from: M, transforms: [{ datetime: "yyyy-MM-dd HH:mm", timezone: Mars/Olympus }] }
            """)
        #expect(zone.first?.message == "unknown time zone 'Mars/Olympus'")
        #expect(zone.first?.location.line == 5)
        let pattern = mappingDiagnostics(
            "target: lead\nfields:\n  title: { from: T, transforms: [{ date: \"yyyy-MM-ddQ\" }] }\n")
        #expect(pattern.first?.message == "'Q' is not a date pattern token")
        let keys = mappingDiagnostics("target: contact\nfields:\n  name: N\nmatchKeys:\n  - [email]\n")
        #expect(keys.first?.message == "match key names 'email', which the mapping does not fill")
        #expect(keys.first?.location.line == 5)
    }

    @Test func yamlSyntaxErrorHasItsPlace() throws {
        let diagnostics = mappingDiagnostics("target: contact\nfields:\n  name: [unclosed\n")
        let first = try #require(diagnostics.first)
        #expect(first.message.hasPrefix("not valid YAML"))
        #expect(first.location.line >= 3)
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() {
        let diagnostics = mappingDiagnostics(
            """
            target: contact
            colour: red
            fields:
              nam: Name
              note: { from: N, transforms: [shout] }
            """)
        #expect(diagnostics.count == 3)
    }

    @Test func customFieldUnknownToTheFormIsReportedAtItsRule() throws {
        let mapping = try parseMapping(
            """
            target: contact
            fields:
              name: Name
            customFields:
              Shoe Size: Shoe
            """)
        let validator = DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot)
        #expect(validator.diagnostics.map(\.location.line) == [5])
        #expect(validator.diagnostics.first?.message == "no field of the contact form has the id or label 'Shoe Size'")
    }

    /// A setting no transform takes is an error at its line and column, not silently ignored;
    /// `otherwise` on a date points to `onInvalid`.
    @Test func unknownTransformSettingsAreErrors() throws {
        let diagnostics = mappingDiagnostics(
            """
            target: contact
            fields:
              name: Name
            extras:
              born: { from: B, transforms: [{ date: yyyyMMdd, otherwise: empty }] }
              spent: { from: S, transforms: [{ money: { currency: EUR, locle: de } }] }
              cell: { from: C, transforms: [{ phone: GB, regoin: GB }] }
              flag: { from: F, transforms: [{ boolean: { true: [oui], flase: [non] } }] }
              cut: { from: X, transforms: [{ replace: { pattern: "a", width: "b" } }] }
            """)
        #expect(
            diagnostics.map(\.message) == [
                "unknown key 'otherwise' in the date transform",
                "unknown key 'locle' in the money transform",
                "unknown key 'regoin' in the phone transform",
                "unknown key 'flase' in the boolean transform",
                "unknown key 'width' in the replace transform",
            ])
        #expect(
            diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["5:51", "6:60", "7:46", "8:59", "9:59"])
        #expect(diagnostics[0].hint?.contains("onInvalid: drop, keep or reject") == true)
        #expect(diagnostics[1].hint == "did you mean 'locale'?")
        #expect(diagnostics[2].hint == "did you mean 'region'?")
        #expect(diagnostics[3].hint == "did you mean 'false'?")
        #expect(diagnostics[4].hint == "did you mean 'with'?")
    }

    /// Every problem of a mapping is reported in one pass: unknown keys at any depth, bad
    /// settings, unknown transforms, a bad `onInvalid`.
    @Test func allProblemsInOnePass() throws {
        let diagnostics = mappingDiagnostics(
            """
            target: contact
            defaults: { region: US, acceptLosy: true }
            fields:
              name: { from: Name, onInvalid: dorp, transfroms: [trim] }
              email:
                - { from: E1, label: Work, lable: Home }
                - { property: EMAIL, labels: { work: Work }, onInvalid: keep, primery: true }
              phone: { entries: [{ from: P }], onInvalid: drop, tranforms: [phone] }
              jobTitle: { from: T, transforms: [uper] }
              department: { object: { id: { from: D, frm: X } } }
            """)
        #expect(
            diagnostics.map(\.message) == [
                "unknown key 'acceptLosy' in defaults",
                "onInvalid must be reject, drop or keep, not 'dorp'",
                "unknown key 'transfroms' in the rule of name",
                "unknown key 'lable' in the rule of an entry",
                "unknown key 'primery' in a property entry",
                "unknown key 'tranforms' in a labeled field",
                "unknown transform 'uper'",
                "unknown key 'frm' in the rule of id",
            ])
        #expect(diagnostics[0].hint == "did you mean 'acceptLossy'?")
        #expect(diagnostics[1].hint == "did you mean 'drop'?")
        #expect(diagnostics[2].hint == "did you mean 'transforms'?")
        #expect(diagnostics.allSatisfy { $0.location.line > 1 && $0.location.column > 1 })
    }

    @Test func policiesAndAcceptLossyAreRead() throws {
        let mapping = try parseMapping(
            """
            target: contact
            defaults: { acceptLossy: true }
            fields:
              name: { from: Name, onInvalid: reject }
              phone: { entries: [{ from: P }, { from: Q, onInvalid: keep }], onInvalid: drop }
            """)
        #expect(mapping.defaults.acceptLossy)
        #expect(mapping.fields[0].value.onInvalid == .reject)
        guard case .labeled(let entries) = mapping.fields[1].value.origin else {
            Issue.record("phone is a labeled rule")
            return
        }
        #expect(entries.map(\.value.onInvalid) == [.drop, .keep])
        #expect(try parseMapping("target: contact\nfields:\n  name: N\n").defaults.acceptLossy == false)
    }
}
