import CRMModel

/// A JSON object kept as its text (UTF-8), parsed when it is used. A plan holds one body per row:
/// as `JSONObject` a contact's body is a tree of dictionaries and arrays of about 1.5 KB, as text
/// about 300 bytes, and each body is used once or twice (written to the plan file, sent once).
/// A plan of many rows moves the text to a `SpillFile` once its step is decided.
public struct JSONText: Sendable {
    private var stored: StoredBytes

    public init(_ object: JSONObject) {
        stored = StoredBytes(Array(JSONWriter.text(.object(object)).utf8))
    }

    private init(stored: StoredBytes) { self.stored = stored }

    /// The text's bytes; throws only when its spill file cannot be read.
    public func loadBytes() throws -> [UInt8] { try stored.load() }

    /// The object again; throws only when its spill file cannot be read. The text is only ever
    /// written by `init`, so it always parses; an empty object stands in should it not.
    public func loadObject() throws -> JSONObject {
        (try? JSONParser.parse(try stored.load()))?.objectValue ?? [:]
    }

    /// The object, for showing and comparing: empty should its spill file fail to read (what
    /// writes the plan or the CRM uses `loadObject`, which says so).
    public var object: JSONObject { (try? loadObject()) ?? [:] }

    /// The text as written in a plan file (see `object` for a spill file that fails to read).
    public var text: String { String(decoding: (try? stored.load()) ?? [], as: UTF8.self) }

    var isSpilled: Bool { stored.isSpilled }

    /// The same text, moved to `file`.
    func spilled(to file: SpillFile) throws -> JSONText { JSONText(stored: try stored.spilled(to: file)) }
}

extension JSONText: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try JSONObject(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try loadObject().encode(to: encoder)
    }
}
