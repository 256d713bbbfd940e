import Foundation
import Testing

/// Expected results kept as readable text files beside the tests (`Tests/CRMImportTests/Pinned/`),
/// compared line by line: a change shows as the lines that differ, which a reviewer reads in the
/// failure and in `git diff` of the file when the change is meant.
///
/// To take a meant change: run the test with `CRMKIT_UPDATE_PINNED=1`, read the diff of the pinned
/// file, and say why in the commit.
enum PinnedText {
    static let directory = ShippedMappings.root.appendingPathComponent("Tests/CRMImportTests/Pinned")

    static func expectMatches(_ text: String, pinned name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CRMKIT_UPDATE_PINNED"] == "1" {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let pinned = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "\(url.path) is missing: run with CRMKIT_UPDATE_PINNED=1 to write it", sourceLocation: sourceLocation)
            return
        }
        let expected = pinned.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let actual = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard expected != actual else { return }
        let first =
            zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expected.count, actual.count)
        let expectedLine = first < expected.count ? expected[first] : "(end of file)"
        let actualLine = first < actual.count ? actual[first] : "(end of text)"
        Issue.record(
            """
            differs from \(name) at line \(first + 1) (\(expected.count) lines pinned, \(actual.count) now):
              pinned: \(expectedLine)
              now:    \(actualLine)
            """, sourceLocation: sourceLocation)
    }
}
