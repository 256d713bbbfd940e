import Foundation
import Testing
import CRMClient
import CRMModel
import CRMSandbox
import CRMSync
import CRMTestSupport
@testable import CRMImport

/// Validation against an in-process sandbox's live forms, read through `CRMClient`: the shipped
/// samples pass, and changing a form changes what validation reports, with nothing restarted.
@Suite struct LiveSandboxValidationTests {
    /// Runs `body` with a client of a fresh sandbox (own database, ephemeral port).
    func withSandbox(_ body: (CRMClient) async throws -> Void) async throws {
        try await withLoopbackSandbox { sandbox in try await body(sandbox.client) }
    }

    func report(_ pair: (mapping: String, sample: String), _ client: CRMClient) async throws -> ValidationReport {
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(pair.mapping))
        let snapshot = try await SchemaSnapshot.fetch(for: mapping, from: ClientSchemaSource(client: client))
        return try ValidationRun(mapping: mapping, snapshot: snapshot, problemLimit: nil).run(
            path: ShippedMappings.samplePath(pair.sample))
    }

    @Test func everyShippedSampleValidatesAgainstTheLiveForms() async throws {
        try await withSandbox { client in
            for pair in ShippedMappings.pairs {
                let result = try await report(pair, client)
                #expect(
                    result.rejected == 0,
                    "\(pair.mapping): \(result.problems.map(\.description).joined(separator: "\n"))")
                #expect(result.valid == result.recordsRead)
            }
        }
    }

    @Test func seededFormsEqualTheOfflineCopyTheOtherTestsUse() async throws {
        try await withSandbox { client in
            let source = ClientSchemaSource(client: client)
            for (entity, offline) in SeededSchema.snapshot.forms {
                let live = try await source.form(entity)
                #expect(live.map(\.id) == offline.map(\.id), "\(entity)")
                #expect(live.map(\.type) == offline.map(\.type), "\(entity)")
                #expect(live.map(\.isRequired) == offline.map(\.isRequired), "\(entity)")
                #expect(live.map { $0.options?.map(\.id) } == offline.map { $0.options?.map(\.id) }, "\(entity)")
            }
        }
    }

    @Test func changingAFormChangesWhatValidationReports() async throws {
        try await withSandbox { client in
            let pair = (mapping: "outlook-contacts", sample: "outlook-contacts.csv")
            #expect(try await report(pair, client).rejected == 0)

            // Making Department required rejects the row without one.
            var form = try await client.forms.get(.contacts)
            guard let department = form.firstIndex(where: { $0.id == "department" }) else {
                Issue.record("the contacts form has no department field")
                return
            }
            form[department].required = true
            _ = try await client.forms.put(.contacts, fields: form)
            let required = try await report(pair, client)
            #expect(required.rejected == 1)
            #expect(
                required.problems.map { "\($0.provenance.line) \($0.field) \($0.reason.rawValue)" } == [
                    "12 department required"
                ])

            // Removing the Finance option from Department drops the value from the row that uses it.
            form[department].required = false
            form[department].options = form[department].options?.filter { $0.id != "finance" }
            _ = try await client.forms.put(.contacts, fields: form)
            let removed = try await report(pair, client)
            #expect(removed.rejected == 0)
            #expect(
                removed.droppedValues.map { "\($0.provenance.line) \($0.field) \($0.reason.rawValue)" } == [
                    "5 department unknown_option"
                ])
        }
    }
}
