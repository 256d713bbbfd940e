import Foundation

/// A temporary file that is unlinked as soon as it is made, so it never outlives the process
/// however it ends: where a plan keeps what would not fit in memory (`QueuedRows`, `SpillFile`).
final class UnlinkedTemporaryFile: Sendable {
    let descriptor: Int32
    /// What the file holds, for messages: "the rows being planned".
    private let contents: String

    /// `prefix` names the file in the temporary directory while it is made.
    init(prefix: String, holding contents: String) throws {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array((directory + "/" + prefix + "-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw RunError(
                "cannot make a temporary file in \(directory) for \(contents): "
                    + "\(String(cString: strerror(errno))) (set TMPDIR to a writable directory)")
        }
        template.withUnsafeBufferPointer { buffer in
            if let path = buffer.baseAddress { _ = unlink(path) }
        }
        self.descriptor = descriptor
        self.contents = contents
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return pwrite(descriptor, base + done, bytes.count - done, off_t(offset) + off_t(done))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw RunError(
                    "cannot write \(contents) to a temporary file in "
                        + "\(FileManager.default.temporaryDirectory.path): \(String(cString: strerror(errno))) "
                        + "(free some space, or set TMPDIR to a directory with room)")
            }
            done += written
        }
    }
}
