import CRMModel

/// A JSON object kept as its text (UTF-8), parsed when it is used. A plan holds one body per row:
/// as `JSONObject` a contact's body is a tree of dictionaries and arrays of about 1.5 KB, as text
/// about 300 bytes, and each body is used once or twice (written to the plan file, sent once).
public struct JSONText: Sendable, Hashable {
    public let bytes: [UInt8]

    public init(_ object: JSONObject) {
        bytes = Array(JSONWriter.text(.object(object)).utf8)
    }

    /// The object again. The text is only ever written by `init`, so it always parses; an empty
    /// object stands in should it not.
    public var object: JSONObject {
        (try? JSONParser.parse(bytes))?.objectValue ?? [:]
    }

    /// The text as written in a plan file.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension JSONText: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try JSONObject(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try object.encode(to: encoder)
    }
}
