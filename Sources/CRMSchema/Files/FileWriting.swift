import Foundation

/// Writes files only when their bytes change, so a pull with nothing new leaves the directory
/// (and its mtimes, and `git status`) untouched.
enum FileWriting {
    /// Returns whether the file was written.
    @discardableResult
    static func writeIfChanged(_ data: Data, to url: URL) throws -> Bool {
        if let existing = try? Data(contentsOf: url), existing == data { return false }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
        return true
    }
}
