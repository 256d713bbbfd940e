import Foundation
@testable import CRMImport

/// Reads everything from a reader over bytes.
func readAll(_ bytes: [UInt8], _ format: SourceFormat, _ options: ReadOptions = ReadOptions()) throws -> (
    records: [SourceRecord], issues: [ReadIssue]
) {
    var reader = try SourceReaders.open(bytes: bytes, name: "test", format: format, options: options)
    var records: [SourceRecord] = []
    var issues: [ReadIssue] = []
    while let e = try reader.next() {
        switch e {
        case .record(let r): records.append(r)
        case .issue(let i): issues.append(i)
        }
    }
    return (records, issues)
}

func readAll(_ text: String, _ format: SourceFormat, _ options: ReadOptions = ReadOptions()) throws -> (
    records: [SourceRecord], issues: [ReadIssue]
) {
    try readAll(Array(text.utf8), format, options)
}

/// Field name → value pairs of a record (for compact expectations).
func pairs(_ r: SourceRecord) -> [[String]] { r.fields.map { [$0.name, $0.value] } }

enum Corpus {
    /// `../shared/corpora` beside the package (the CI layout), or $CRMKIT_CORPORA.
    static let root: URL? = {
        if let env = ProcessInfo.processInfo.environment["CRMKIT_CORPORA"] { return URL(fileURLWithPath: env) }
        let pkg = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            pkg.deletingLastPathComponent().appendingPathComponent("shared/corpora"),
            pkg.appendingPathComponent("../../shared/corpora").standardized,
        ]
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("EXPECTED.md").path)
        }
    }()

    static var available: Bool { root != nil }

    static func path(_ rel: String) -> String { root!.appendingPathComponent(rel).path }

    static func read(_ rel: String, _ format: SourceFormat? = nil, _ options: ReadOptions = ReadOptions()) throws -> (
        records: [SourceRecord], issues: [ReadIssue]
    ) {
        try SourceReaders.readAll(path: path(rel), format: format, options: options)
    }
}

func tempFile(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crmimport-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(UUID().uuidString + "-" + name).path
}
