import CRMModel
@testable import CRMImport
@testable import CRMSandbox

/// The sandbox's seeded defaults (api-notes "Seeded defaults"), taken from the sandbox's own
/// seed so that mapping and validation tests run without a server and cannot drift from it.
/// `LiveSandboxTests` checks the same against a running sandbox's live forms.
enum SeededSchema {
    static var snapshot: SchemaSnapshot {
        SchemaSnapshot(
            forms: [
                .contact: DefaultSchema.form(for: .contact),
                .organization: DefaultSchema.form(for: .organization),
                .opportunity: DefaultSchema.form(for: .opportunity),
            ],
            tags: [:], pipelines: [DefaultSchema.pipeline],
            caseTypes: [DefaultSchema.caseType(tenantId: "sandbox", now: "2025-01-01T00:00:00.000Z")])
    }
}

/// Parses mapping text or fails the test with the diagnostics.
func parseMapping(_ yaml: String, file: String = "test.yaml") throws -> Mapping {
    try MappingParser.parse(yaml: yaml, file: file)
}

/// A CSV-like record from name/value pairs, at `line`.
func record(_ pairs: [(String, String)], line: Int = 2, file: String = "in.csv") -> SourceRecord {
    SourceRecord(
        provenance: SourceProvenance(file: file, line: line, record: line - 1),
        fields: pairs.map { SourceField(name: $0.0, value: $0.1) })
}

/// The diagnostics a mapping text produces (empty when it parses).
func mappingDiagnostics(_ yaml: String) -> [MappingDiagnostic] {
    do {
        _ = try MappingParser.parse(yaml: yaml, file: "m.yaml")
        return []
    } catch {
        return error.diagnostics
    }
}
