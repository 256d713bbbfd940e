import Testing

@Test func placeholderCRMSchemaTests() { #expect(true) }
