/// A short list of strings in one buffer (each as its UTF-8 length, then its bytes): one
/// allocation where `[String]` makes one for the array and one for each string longer than 15
/// bytes. A plan keeps two such lists per step (match keys, ledger keys); a plan of many rows
/// moves them to a `SpillFile` once its step is decided.
struct PackedStrings: Sendable {
    private var stored: StoredBytes

    init(_ strings: [String]) {
        var bytes: [UInt8] = []
        for string in strings {
            var length = string.utf8.count
            // The length in 7-bit groups, low first, the high bit saying another group follows.
            while length >= 0x80 {
                bytes.append(UInt8(length & 0x7F) | 0x80)
                length >>= 7
            }
            bytes.append(UInt8(length))
            bytes.append(contentsOf: string.utf8)
        }
        stored = StoredBytes(bytes)
    }

    private init(stored: StoredBytes) { self.stored = stored }

    /// The strings; throws only when their spill file cannot be read.
    func load() throws -> [String] {
        let bytes = try stored.load()
        var result: [String] = []
        var index = 0
        while index < bytes.count {
            var length = 0
            var shift = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            let end = min(index + length, bytes.count)
            result.append(String(decoding: bytes[index..<end], as: UTF8.self))
            index = end
        }
        return result
    }

    /// The strings, for showing and comparing: none should their spill file fail to read (what
    /// writes the plan uses `load`, which says so).
    var strings: [String] { (try? load()) ?? [] }

    /// The same strings, moved to `file`.
    func spilled(to file: SpillFile) throws -> PackedStrings { PackedStrings(stored: try stored.spilled(to: file)) }
}
