import Foundation

/// How a review saves a decision: the new text is written beside the file and renamed over it,
/// so a crash leaves the old file or the new one, never half of one.
enum ReviewFileWriter {
    static func replace(_ path: String, with text: String) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).review-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw ReviewError("cannot replace \(path) (\(reason)); check the folder is writable")
            }
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError(
                "cannot write beside \(path) (\(error.localizedDescription)); check the folder is writable")
        }
    }
}
