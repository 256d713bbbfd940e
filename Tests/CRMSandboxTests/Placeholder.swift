import Testing

@Test func placeholderCRMSandboxTests() { #expect(true) }
