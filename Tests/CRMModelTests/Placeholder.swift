import Testing

@Test func placeholderCRMModelTests() { #expect(true) }
