/// Every record of a list, fetched a page at a time as the sequence is iterated: memory holds one
/// page, and the walk stops at a short page, an empty one, or when `total` is reached.
///
/// ```swift
/// for try await contact in client.contacts.list(ContactFilter(email: "@acme.com")) { … }
/// ```
public struct PagedList<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    public typealias Fetch = @Sendable (_ page: Int, _ size: Int) async throws -> Page<Item>

    let pageSize: Int
    let fetch: Fetch

    public init(pageSize: Int, fetch: @escaping Fetch) {
        self.pageSize = Swift.max(1, pageSize)
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator { Iterator(list: self) }

    /// The pages themselves, for callers that work page by page.
    public var pages: Pages { Pages(list: self) }

    public struct Iterator: AsyncIteratorProtocol {
        var pages: Pages.Iterator
        var buffer: [Item] = []
        var index = 0

        init(list: PagedList) { pages = Pages.Iterator(list: list) }

        public mutating func next() async throws -> Item? {
            while index >= buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page.items
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    public struct Pages: AsyncSequence, Sendable {
        public typealias Element = Page<Item>
        let list: PagedList

        public func makeAsyncIterator() -> Iterator { Iterator(list: list) }

        public struct Iterator: AsyncIteratorProtocol {
            let list: PagedList
            var nextPage: Int? = 1

            init(list: PagedList) { self.list = list }

            public mutating func next() async throws -> Page<Item>? {
                guard let number = nextPage else { return nil }
                let page = try await list.fetch(number, list.pageSize)
                nextPage = page.hasMore ? number + 1 : nil
                return page.items.isEmpty ? nil : page
            }
        }
    }

    /// Collects every record (for lists known to be small).
    public func collect() async throws -> [Item] {
        var all: [Item] = []
        for try await item in self { all.append(item) }
        return all
    }
}
