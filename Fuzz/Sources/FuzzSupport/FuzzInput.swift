import Foundation

/// The bytes libFuzzer hands a target, copied out so a target can keep them past the call.
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the run on a broken property. A crash is how a libFuzzer target reports a finding: the
/// fuzzer saves the input that caused it as `crash-…` for replay.
public func fuzzFinding(_ message: String) -> Never {
    fatalError("fuzz finding: \(message)")
}

/// A private folder for targets whose entry point reads files (plans, schema directories). One
/// per process, so parallel fuzzers never share a file; under /dev/shm when it exists, to keep
/// the disk out of the loop. Removed when the fuzzer exits normally; a crash leaves it, with the
/// files of the crashing input.
public enum ScratchFiles {
    public static let folder: URL = {
        let base =
            FileManager.default.fileExists(atPath: "/dev/shm")
            ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let folder = base.appendingPathComponent("crmkit-fuzz-\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { ScratchFiles.removeFolder() }
        return folder
    }()

    static func removeFolder() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `bytes` to `relativePath` inside the folder, making its parent folders.
    @discardableResult
    public static func write(_ bytes: [UInt8], to relativePath: String) -> URL {
        let url = folder.appendingPathComponent(relativePath)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
            fuzzFinding("cannot write the scratch file \(url.path)")
        }
        return url
    }

    /// Empties the folder between inputs, so one input's files never leak into the next.
    public static func clear() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
    }
}
