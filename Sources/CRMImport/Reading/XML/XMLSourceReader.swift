public struct XMLSourceReader: SourceRecordReader {
    public init(path: String, options: ReadOptions = ReadOptions()) throws { fatalError() }
    public init(bytes: [UInt8], name: String = "<memory>", options: ReadOptions = ReadOptions()) throws { fatalError() }
    public mutating func next() throws -> ReadEvent? { nil }
}
