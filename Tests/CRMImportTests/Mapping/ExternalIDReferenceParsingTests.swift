import CRMModel
import Testing
@testable import CRMImport

/// `byExternalId:` on a reference rule: its spellings, and each misuse reported at its line.
@Suite struct ExternalIDReferenceParsingTests {
    @Test func anExtraOrACustomFieldNamesWhereTheIdIsKept() throws {
        let mapping = try parseMapping(
            """
            target: opportunity
            fields:
              title: Name
              organizationId: { from: AccountId, byExternalId: salesforceId }
              contactId: { from: ContactId, byExternalId: "customFields.Salesforce Id" }
            """)
        let references = mapping.fields.compactMap(\.reference)
        #expect(references.map(\.externalID) == [.extra("salesforceId"), .customField("Salesforce Id")])
        #expect(
            try parseMapping(
                "target: contact\nfields:\n  organizationId: { from: A, byExternalId: extras.hubspotId }\n"
            ).fields.first?.reference?.externalID == .extra("hubspotId"))
    }

    @Test func theReferenceCarriesTheIdAsWrittenWithItsKey() throws {
        let mapping = try parseMapping(
            """
            target: lead
            fields:
              title: Name
              contactId: { from: ContactId, byExternalId: salesforceId }
            """)
        let draft = Mapper(mapping: mapping).map(record([("Name", "Deal"), ("ContactId", "0038c00002lK9ddAAC")]))
        let reference = try #require(draft.references.first)
        #expect(reference.value == "0038c00002lK9ddAAC", "an id is never lower-cased as an e-mail would be")
        #expect(reference.externalID == .extra("salesforceId"))
    }

    /// A misuse: the rule's lines under `fields:` of a contact mapping, what the message starts
    /// with, the line it names, and a part of the hint (what to do).
    struct Misuse: Sendable, CustomStringConvertible {
        var rule: String
        var message: String
        var line: Int
        var hint: String
        var description: String { message }
    }

    static let misuses = [
        Misuse(
            rule: "  tags: { from: Type, byExternalId: salesforceId }",
            message: "tags cannot be found by an external id", line: 4, hint: "organizationId"),
        Misuse(
            rule: "  organizationId:\n    from: AccountId\n    create: true\n    byExternalId: salesforceId",
            message: "organizationId found by its external id cannot also be created", line: 7,
            hint: "remove create: true"),
        Misuse(
            rule: "  organizationId: { from: AccountId, byExternalId: \"Salesforce Id\" }",
            message: "byExternalId must name an extra or a custom field, not 'Salesforce Id'", line: 4,
            hint: "customFields.Salesforce Id"),
        Misuse(
            rule: "  organizationId: { from: AccountId, byExternalID: salesforceId }",
            message: "unknown key 'byExternalID'", line: 4, hint: "did you mean 'byExternalId'?"),
    ]

    @Test(arguments: misuses)
    func eachMisuseIsAnErrorAtItsLine(_ misuse: Misuse) throws {
        let diagnostics = mappingDiagnostics("target: contact\nfields:\n  name: Name\n" + misuse.rule + "\n")
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let first = try #require(diagnostics.first)
        #expect(first.message.hasPrefix(misuse.message), "\(first.message)")
        #expect(first.description.hasPrefix("m.yaml:\(misuse.line):"), "\(first.description)")
        #expect(first.hint?.contains(misuse.hint) == true, "\(first.hint ?? "")")
    }
}
