import Foundation

/// The lines of a file, read in 1 MiB pieces (without their `\n`); the file's last line is empty
/// when it ends with one.
struct LineReader {
    let handle: FileHandle
    private var buffer = Data()
    private var start = 0
    private var atEnd = false
    private var done = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() throws -> Data? {
        if done { return nil }
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                // A fresh `Data`: slices keep their offsets into the buffer, which the decoder
                // does not expect.
                let line = Data(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if atEnd {
                done = true
                let line = Data(buffer[start...])
                buffer = Data()
                start = 0
                return line
            }
            buffer.removeSubrange(buffer.startIndex..<start)
            start = buffer.startIndex
            if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                buffer.append(chunk)
            } else {
                atEnd = true
            }
        }
    }
}
