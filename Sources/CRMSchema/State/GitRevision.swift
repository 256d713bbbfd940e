import CRMModel
import CRMSupport
import Foundation

/// The commit a schema directory is at, for the history. Optional: a directory outside git, or a
/// machine without git, simply records no commit.
public enum GitRevision {
    public static func head(of directory: URL) -> String? {
        guard
            let (status, data) = try? ChildProcess.output(
                of: "/usr/bin/env", ["git", "-C", directory.path, "rev-parse", "HEAD"],
                in: directory.path),
            status == 0
        else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
