import Testing

@Test func placeholderCRMDedupeTests() { #expect(true) }
