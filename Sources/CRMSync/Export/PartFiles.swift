import Foundation

/// Bytes written to a file through a 256 KiB buffer.
final class ByteSink {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []

    init(url: URL) throws(ExportError) {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: url.path)
        else {
            throw ExportError.io(
                path: url.path, reason: "cannot create the file; check the directory exists and is writable")
        }
        self.handle = handle
        self.path = url.path
        buffer.reserveCapacity(1 << 18)
    }

    func write<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(ExportError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 18 { try flush() }
    }

    func flush() throws(ExportError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw ExportError.io(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(ExportError) {
        try flush()
        do {
            try handle.close()
        } catch {
            throw ExportError.io(path: path, reason: "cannot close: \(error.localizedDescription)")
        }
    }
}

/// A finished partial export read back in byte ranges, 256 KiB at a read.
final class PartReader {
    private let handle: FileHandle
    private let path: String

    init(url: URL) throws(ExportError) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ExportError.io(path: url.path, reason: "cannot open the partial export")
        }
        self.handle = handle
        self.path = url.path
    }

    func size() throws(ExportError) -> UInt64 {
        do {
            return try handle.seekToEnd()
        } catch {
            throw ExportError.io(path: path, reason: error.localizedDescription)
        }
    }

    /// Hands the bytes from `start` up to `end` to `body`, a buffer at a time.
    func read(from start: UInt64, to end: UInt64, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        do {
            try handle.seek(toOffset: start)
        } catch {
            throw ExportError.io(path: path, reason: error.localizedDescription)
        }
        var left = end - start
        while left > 0 {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: Int(min(left, 1 << 18))), !read.isEmpty else {
                    throw ExportError.corruptSpool(path: path, line: 0, reason: "it ends before byte \(end)")
                }
                chunk = read
            } catch let error as ExportError {
                throw error
            } catch {
                throw ExportError.io(path: path, reason: error.localizedDescription)
            }
            left -= UInt64(chunk.count)
            try body(ArraySlice(chunk))
        }
    }

    func copy(from start: UInt64, to end: UInt64, into sink: ByteSink) throws {
        try read(from: start, to: end) { bytes in try sink.write(bytes) }
    }

    func close() { try? handle.close() }
}
