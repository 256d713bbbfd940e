/// `{"item": X}`. The reference also writes `items` (an object, or an array of one) and once
/// `tems`; all are accepted when reading (api-notes #2). Writing always uses `item`.
public struct ItemEnvelope<Item: Codable & Sendable>: Codable, Sendable {
    public var item: Item

    public init(item: Item) { self.item = item }

    private enum CodingKeys: String, CodingKey { case item, items, tems }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.item, .items, .tems] where container.contains(key) {
            if let item = try? container.decode(Item.self, forKey: key) {
                self.item = item
                return
            }
            if let items = try? container.decode([Item].self, forKey: key), items.count == 1, let only = items.first {
                self.item = only
                return
            }
        }
        throw DecodingError.keyNotFound(
            CodingKeys.item,
            .init(codingPath: decoder.codingPath, debugDescription: "expected {\"item\": …} holding one object"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item, forKey: .item)
    }
}

/// `{"items": [X], "page": 1, "size": 10, "total": 42}`; `page`, `size` and `total` are the
/// sandbox's additions and optional when reading (api-notes #3). `tems` is accepted too.
public struct ListEnvelope<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var page: Int?
    public var size: Int?
    public var total: Int?

    public init(items: [Item], page: Int? = nil, size: Int? = nil, total: Int? = nil) {
        self.items = items
        self.page = page
        self.size = size
        self.total = total
    }

    private enum CodingKeys: String, CodingKey { case items, tems, item, page, size, total }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let items = try container.decodeIfPresent([Item].self, forKey: .items) {
            self.items = items
        } else if let items = try container.decodeIfPresent([Item].self, forKey: .tems) {
            self.items = items
        } else if let items = try container.decodeIfPresent([Item].self, forKey: .item) {
            self.items = items
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.items, .init(codingPath: decoder.codingPath, debugDescription: "expected {\"items\": […]}"))
        }
        page = try? container.decodeIfPresent(Int.self, forKey: .page)
        size = try? container.decodeIfPresent(Int.self, forKey: .size)
        total = try? container.decodeIfPresent(Int.self, forKey: .total)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encodeIfPresent(page, forKey: .page)
        try container.encodeIfPresent(size, forKey: .size)
        try container.encodeIfPresent(total, forKey: .total)
    }
}
