import Testing

@testable import CRMImport

@Suite struct CharacterEscaperTests {
    @Test func vCardAndXMLEscapes() {
        #expect(SampleWriter.vEscape("Doe, Jane; \\ note\nnext") == "Doe\\, Jane\\; \\\\ note\\nnext")
        #expect(
            SampleWriter.xEscape(#"<a href="x">Tom & Jerry</a>"#)
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;")
        #expect(SampleWriter.vEscape("Zoë Müller") == "Zoë Müller")
        #expect(SampleWriter.xEscape("") == "")
    }
}
