import Testing

@Test func placeholderCRMSyncTests() { #expect(true) }
