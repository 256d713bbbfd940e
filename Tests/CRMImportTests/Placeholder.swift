import Testing

@Test func placeholderCRMImportTests() { #expect(true) }
