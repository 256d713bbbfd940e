/// One page of a list, with the paging figures the server sent (the sandbox always sends them;
/// the reference does not promise them).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var page: Int
    public var size: Int
    /// Records matching the filters, when the server says.
    public var total: Int?

    public init(items: [Item], page: Int, size: Int, total: Int?) {
        self.items = items
        self.page = page
        self.size = size
        self.total = total
    }

    /// Whether a following page can hold more: the page was full and the total (if known) not yet
    /// reached.
    public var hasMore: Bool {
        guard !items.isEmpty, items.count >= size else { return false }
        guard let total else { return true }
        return page * size < total
    }
}
