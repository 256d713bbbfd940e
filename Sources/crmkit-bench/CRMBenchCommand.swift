import ArgumentParser

/// `crmkit-bench`: measurements, not tests. Each benchmark is a subcommand in its own file and
/// prints its figures and the conditions they were taken under.
@main
struct CRMBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crmkit-bench",
        abstract: "Benchmarks for crmkit's readers, sandbox, client, dedupe and import.",
        subcommands: [
            ReadBenchCommand.self,
            DetectionBenchCommand.self,
            DedupeBenchmark.self,
            ImportIdentityBenchmark.self,
            ClientBenchmark.self,
            ValidateBenchmark.self,
            SandboxBenchmark.self,
            ImportBenchmark.self,
            ExportBenchmark.self,
            RestoreBenchmark.self,
        ]
    )
}
