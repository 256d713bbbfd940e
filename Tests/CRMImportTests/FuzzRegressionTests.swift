import CRMImport
import Testing

/// Inputs the fuzz targets (Fuzz/, docs/fuzzing.md) found, kept so the fix stays fixed.
@Suite struct FuzzRegressionTests {
    /// fuzz-mapping: an empty mapping file (or one holding only comments) was refused with a
    /// `MappingError` carrying no diagnostic, so the user saw an error without a message or place.
    @Test(arguments: ["", "# only a comment\n", "\n\n"])
    func anEmptyMappingFileIsRefusedWithAMessage(text: String) throws {
        let error = #expect(throws: MappingError.self) { try MappingParser.parse(yaml: text, file: "empty.yaml") }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.location.file == "empty.yaml" && diagnostic.location.line == 1)
        #expect(diagnostic.message.contains("empty"))
    }
}
