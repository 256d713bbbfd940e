import Foundation
import Synchronization

/// Bytes of a plan that are needed once, at the end, moved out of memory while the plan is made
/// or applied: each step's body and key lists (see `StoredBytes`). A plan of a million rows holds
/// about 600 MB of them, written once (to the plan file, to the CRM) and read back rarely before.
/// They go to a temporary file that is unlinked as soon as it is made, so it never outlives the
/// process however it ends; a step keeps only where its bytes are. Appends collect in a buffer
/// written a chunk at a time; reads of what is still in the buffer are answered from it.
public final class SpillFile: Sendable {
    /// The default chunk: large enough that writes cost nothing next to planning.
    public static let defaultChunkBytes = 1 << 20

    private struct Pending {
        var buffer: [UInt8] = []
        /// Bytes already in the file: the buffer starts at this offset.
        var written: Int64 = 0
        /// The block of the file read last, and where it starts: steps are mostly read back in
        /// the order they were written (the plan file, the apply), so most reads are copies
        /// from it rather than a system call each.
        var block: [UInt8] = []
        var blockOffset: Int64 = 0
        /// Where the last read ended: a read starting a little after it reads a block ahead; a
        /// read elsewhere (a planner looking at an earlier step) reads just what it asks for.
        var lastEnd: Int64 = -1
    }

    /// How much of the file one read brings in.
    private static let blockBytes = 1 << 18

    private let file: UnlinkedTemporaryFile
    private let chunkBytes: Int
    private let pending = Mutex(Pending())
    /// The first read that failed: readers that cannot throw (a planner comparing a row with the
    /// record an earlier step makes) go on with nothing, and whoever finishes the work asks
    /// `checkReads` before trusting it.
    private let readFailure = Mutex<RunError?>(nil)

    /// `chunkBytes`: how much is collected before it is written (tests make it small, so that a
    /// few hundred rows cross it many times).
    public init(chunkBytes: Int = SpillFile.defaultChunkBytes) throws {
        file = try UnlinkedTemporaryFile(prefix: "crmkit-plan-spill", holding: "the plan's step bodies")
        self.chunkBytes = max(1, chunkBytes)
    }

    /// Appends `bytes`; answers where they are.
    func append(_ bytes: [UInt8]) throws -> (offset: Int64, count: Int) {
        try pending.withLock { pending in
            let offset = pending.written + Int64(pending.buffer.count)
            pending.buffer.append(contentsOf: bytes)
            if pending.buffer.count >= chunkBytes {
                try file.write(pending.buffer, at: pending.written)
                pending.written += Int64(pending.buffer.count)
                pending.buffer.removeAll(keepingCapacity: true)
            }
            return (offset, bytes.count)
        }
    }

    /// Throws the first read that failed, if any did.
    func checkReads() throws {
        if let failure = readFailure.withLock({ $0 }) { throw failure }
    }

    /// The `count` bytes at `offset`, as appended.
    func read(offset: Int64, count: Int) throws -> [UInt8] {
        do {
            return try readOrThrow(offset: offset, count: count)
        } catch let error as RunError {
            readFailure.withLock { $0 = $0 ?? error }
            throw error
        }
    }

    private func readOrThrow(offset: Int64, count: Int) throws -> [UInt8] {
        let held: (bytes: [UInt8]?, fileSize: Int64, sequential: Bool) = pending.withLock { pending in
            let sequential = offset >= pending.lastEnd && offset - pending.lastEnd < Int64(Self.blockBytes / 4)
            pending.lastEnd = offset + Int64(count)
            if offset >= pending.blockOffset, offset + Int64(count) <= pending.blockOffset + Int64(pending.block.count)
            {
                let start = Int(offset - pending.blockOffset)
                return (Array(pending.block[start..<start + count]), pending.written, sequential)
            }
            guard offset >= pending.written else { return (nil, pending.written, sequential) }
            let start = Int(offset - pending.written)
            guard start + count <= pending.buffer.count else { return ([], pending.written, sequential) }
            return (Array(pending.buffer[start..<start + count]), pending.written, sequential)
        }
        if let bytes = held.bytes {
            guard bytes.count == count else { throw Self.unreadable("past its end") }
            return bytes
        }
        guard held.sequential, count < Self.blockBytes, offset + Int64(count) <= held.fileSize else {
            return try readFile(offset: offset, count: count)
        }
        let block = try readFile(offset: offset, count: Int(min(Int64(Self.blockBytes), held.fileSize - offset)))
        pending.withLock { pending in
            pending.block = block
            pending.blockOffset = offset
        }
        return Array(block[0..<count])
    }

    private func readFile(offset: Int64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(file.descriptor, base + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw Self.unreadable(got < 0 ? String(cString: strerror(errno)) : "past its end") }
            done += got
        }
        return bytes
    }

    private static func unreadable(_ why: String) -> RunError {
        RunError("cannot read the plan's step bodies back from their temporary file: \(why)")
    }
}

/// Bytes a step holds: in memory, or in a `SpillFile` (where it keeps only their place). Steps
/// stay values: moving bytes to the file makes a new `StoredBytes`, and the file lives as long as
/// any step refers to it.
struct StoredBytes: Sendable {
    private enum Storage: Sendable {
        case inline([UInt8])
        case spilled(SpillFile, offset: Int64, count: Int32)
    }

    private var storage: Storage

    init(_ bytes: [UInt8]) { storage = .inline(bytes) }

    /// The bytes; throws only when the spill file cannot be read.
    func load() throws -> [UInt8] {
        switch storage {
        case .inline(let bytes): bytes
        case .spilled(let file, let offset, let count): try file.read(offset: offset, count: Int(count))
        }
    }

    var isSpilled: Bool {
        if case .spilled = storage { return true }
        return false
    }

    /// The same bytes, moved to `file` (bytes already in a file stay where they are).
    func spilled(to file: SpillFile) throws -> StoredBytes {
        guard case .inline(let bytes) = storage, !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return self }
        let (offset, count) = try file.append(bytes)
        return StoredBytes(storage: .spilled(file, offset: offset, count: Int32(count)))
    }

    private init(storage: Storage) { self.storage = storage }
}
