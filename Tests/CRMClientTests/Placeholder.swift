import Testing

@Test func placeholderCRMClientTests() { #expect(true) }
