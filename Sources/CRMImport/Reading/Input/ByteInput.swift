#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the bytes come from: a file read in fixed-size chunks, or bytes in memory (tests, fuzzing).
final class ByteInput {
    private var fd: Int32 = -1
    private var memory: [UInt8] = []
    private var memoryOffset = 0
    private let isMemory: Bool
    let path: String

    static let chunkSize = 64 * 1024

    init(path: String) throws {
        self.path = path
        self.isMemory = false
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let reason = String(cString: strerror(errno))
            throw SourceReadError(
                file: path, message: "cannot open: \(reason)", hint: "check the path and the file's permissions")
        }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            fd = -1
            throw SourceReadError(file: path, message: "is a directory", hint: "give a file")
        }
    }

    init(bytes: [UInt8], name: String) {
        self.path = name
        self.isMemory = true
        self.memory = bytes
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Whether `path` names a regular file (not a pipe, socket or device).
    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Reads up to `count` bytes; returns 0 at the end of the input.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        if isMemory {
            let n = min(count, memory.count - memoryOffset)
            if n > 0 {
                memory.withUnsafeBufferPointer { p in
                    buffer.update(from: p.baseAddress! + memoryOffset, count: n)
                }
                memoryOffset += n
            }
            return n
        }
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            throw SourceReadError(file: path, message: "read failed: \(reason)")
        }
    }
}
