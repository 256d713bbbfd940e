import Foundation

/// Where `dedupe apply` keeps its runs (`.crmkit/merges/RUN/`, beside the import's
/// `.crmkit/runs/`), and how a run is named and found again.
public enum MergeRunDirectory {
    public static let defaultRoot = URL(fileURLWithPath: ".crmkit/merges")

    /// The run a plan file applies in: named after the plan's bytes, so applying the same plan
    /// again finds its own journal and an edited plan starts a fresh run. FNV-1a, because it must
    /// be the same in every process (Swift's `Hasher` is seeded per process).
    public static func name(forPlanAt path: String) -> String {
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "plan-" + String(hash, radix: 16)
    }

    /// The files of an earlier run, for `--resume`; throws when `name` is not a run under `root`.
    public static func existing(root: URL = defaultRoot, name: String) throws -> MergeRunFiles {
        let journal = root.appendingPathComponent(name).appendingPathComponent("journal.jsonl")
        guard !name.contains("/"), FileManager.default.fileExists(atPath: journal.path) else {
            throw RunError("no run \(name) in \(root.relativePath); give a directory name listed there")
        }
        return try MergeRunFiles(directory: root.appendingPathComponent(name))
    }

    /// The files of the run for the plan at `planPath`, created when new.
    public static func forPlan(root: URL = defaultRoot, at planPath: String) throws -> MergeRunFiles {
        try MergeRunFiles(directory: root.appendingPathComponent(name(forPlanAt: planPath)))
    }
}
