/// Runs `body` for every item with at most `limit` running at once, in order of start; the
/// first error thrown cancels the rest and is rethrown.
func forEachConcurrently<Item: Sendable>(
    _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var running = 0
        for item in items {
            if running >= max(1, limit) {
                try await group.next()
                running -= 1
            }
            group.addTask { try await body(item) }
            running += 1
        }
        try await group.waitForAll()
    }
}
