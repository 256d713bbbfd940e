import Testing
import CRMModel
@testable import CRMImport

/// Problems in the mapping file itself are reported with the file's line and column.
@Suite struct MappingFileErrorTests {
    @Test func unknownTransformNamesLineColumnAndSuggestion() throws {
        let diagnostics = mappingDiagnostics("""
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
        let diagnostics = mappingDiagnostics("""
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
        let diagnostics = mappingDiagnostics("""
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
        let mapping = try parseMapping("""
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
        let diagnostics = mappingDiagnostics("""
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
        let zone = mappingDiagnostics("""
            target: lead
            fields:
              title: T
            customFields:
              Met: { from: M, transforms: [{ datetime: "yyyy-MM-dd HH:mm", timezone: Mars/Olympus }] }
            """)
        #expect(zone.first?.message == "unknown time zone 'Mars/Olympus'")
        #expect(zone.first?.location.line == 5)
        let pattern = mappingDiagnostics("target: lead\nfields:\n  title: { from: T, transforms: [{ date: \"yyyy-MM-ddQ\" }] }\n")
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
        let diagnostics = mappingDiagnostics("""
            target: contact
            colour: red
            fields:
              nam: Name
              note: { from: N, transforms: [shout] }
            """)
        #expect(diagnostics.count == 3)
    }

    @Test func customFieldUnknownToTheFormIsReportedAtItsRule() throws {
        let mapping = try parseMapping("""
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
}
