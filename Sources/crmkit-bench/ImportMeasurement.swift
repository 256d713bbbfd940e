import CRMClient
import CRMImport
import CRMModel
import CRMSupport
import CRMSync
import Foundation
import Synchronization

/// One `crmkit import` as the library runs it (plan, save the plan, apply with the journal into a
/// new run directory), with the wall time of each part and the CPU time client and server spent
/// on it, so the figures say which side limits the apply.
struct ImportMeasurement {
    var readMapValidate: Duration = .zero
    var planning: Duration = .zero
    var records = 0
    var planWall: Duration = .zero
    var savePlan: Duration = .zero
    var apply: Duration = .zero
    var total: Duration = .zero
    var steps = 0
    var actions: [String: Int] = [:]
    var rejected = 0
    var summary: RunSummary?
    var planClientCPU = CPUTime(user: 0, system: 0)
    var applyClientCPU = CPUTime(user: 0, system: 0)
    var applyServerCPU: CPUTime?
    var totalServerCPU: CPUTime?
    var planLoad = ""
    var planBytes = 0
    var probe: [String] = []
    var applyLoad = ""

    /// Plans `file` against the sandbox behind `client`, then applies the plan.
    static func run(
        file: String, mapping: Mapping, mappingPath: String, client: CRMClient, concurrency: Int,
        runsRoot: URL, server: SandboxProcess, probePlanEncoding: Bool = false
    ) async throws -> ImportMeasurement {
        var result = ImportMeasurement()
        let clock = ContinuousClock()
        let serverStart = server.cpuTime
        let cpuStart = CPUTime.ofSelf()
        let start = clock.now

        let stages = PreparationStageTimes()
        var preparation = ImportPreparation(file: file, mapping: mapping, mappingPath: mappingPath)
        preparation.stageObserver = { stage, duration in stages.add(stage, duration) }
        var account = LossAccount()
        let plan = try await preparation.plan(client: client, account: &account)
        result.readMapValidate = stages[.readMapValidate]
        result.planning = stages[.planning]
        result.records = account.recordsRead
        result.planWall = clock.now - start
        result.planClientCPU = CPUTime.ofSelf() - cpuStart
        result.planLoad = ReadBenchCommand.loadAverage()
        result.steps = plan.steps.count
        result.rejected = plan.rejected.count
        for step in plan.steps { result.actions["\(step.action.rawValue) \(step.entity.rawValue)", default: 0] += 1 }

        let saveStart = clock.now
        let run = try ImportRunDirectory.create(root: runsRoot)
        try run.savePlan(plan)
        result.savePlan = clock.now - saveStart
        result.planBytes = (try? FileManager.default.attributesOfItem(atPath: run.planURL.path)[.size] as? Int) ?? 0
        // The probe is not part of the import: its time is taken out of the total.
        let probeStart = clock.now
        if probePlanEncoding { result.probe = PlanEncodingProbe.report(plan) }
        let probeTime = clock.now - probeStart

        let applyCPUStart = CPUTime.ofSelf()
        let applyServerStart = server.cpuTime
        let applyStart = clock.now
        result.summary = try await ImportApplier(plan: plan, run: run, client: client, concurrency: concurrency).apply()
        let end = clock.now
        result.apply = end - applyStart
        result.total = end - start - probeTime
        result.applyClientCPU = CPUTime.ofSelf() - applyCPUStart
        if let before = applyServerStart, let after = server.cpuTime {
            result.applyServerCPU = after - before
            if let serverStart { result.totalServerCPU = after - serverStart }
        }
        result.applyLoad = ReadBenchCommand.loadAverage()
        return result
    }

    /// The figures, one line per phase, each with the load average at its end.
    func report(title: String) -> [String] {
        let recordsRead = Double(records)
        let rmv = durationSeconds(readMapValidate)
        let applySeconds = durationSeconds(apply)
        let perStep = { (value: Double) in steps > 0 ? value / Double(steps) * 1e6 : 0 }
        var lines = [title]
        lines.append(
            String(
                format: "  read+map+validate %8.2f s  %9.0f records/s (%d records, %d rejected)",
                rmv, recordsRead / max(rmv, 1e-9), records, rejected))
        lines.append(
            String(
                format:
                    "  planning          %8.2f s  (fetch CRM records + match); "
                    + "plan wall %.2f s, client CPU %.2f s; load %@",
                durationSeconds(planning), durationSeconds(planWall), planClientCPU.total, planLoad))
        lines.append(
            String(
                format: "  save plan.json    %8.2f s  (%.1f MiB)", durationSeconds(savePlan),
                Double(planBytes) / 1_048_576))
        lines += probe
        lines.append(
            "  steps: " + actions.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        lines.append(
            String(
                format: "  apply             %8.2f s  %9.0f steps/s (concurrency as given); load %@",
                applySeconds, Double(steps) / max(applySeconds, 1e-9), applyLoad))
        lines.append(
            String(
                format: "    client CPU %.2f s = %.0f µs/step (user %.0f + sys %.0f), %.0f%% of one core",
                applyClientCPU.total, perStep(applyClientCPU.total), perStep(applyClientCPU.user),
                perStep(applyClientCPU.system), applyClientCPU.total / max(applySeconds, 1e-9) * 100))
        if let server = applyServerCPU {
            lines.append(
                String(
                    format: "    server CPU %.2f s = %.0f µs/step (user %.0f + sys %.0f), %.0f%% of one core",
                    server.total, perStep(server.total), perStep(server.user), perStep(server.system),
                    server.total / max(applySeconds, 1e-9) * 100))
        } else {
            lines.append("    server CPU: unavailable (no /proc)")
        }
        if let summary {
            lines.append("    run: \(summary.done) done, \(summary.failed) failed, status \(summary.status)")
        }
        var total = String(format: "  total (plan + save + apply) %.2f s", durationSeconds(self.total))
        if let server = totalServerCPU {
            total += String(format: "; server CPU over the whole run %.2f s", server.total)
        }
        lines.append(total)
        return lines
    }
}

/// The preparation's stage times as its observer reports them.
final class PreparationStageTimes: Sendable {
    private let times = Mutex<[PreparationStage: Duration]>([:])

    func add(_ stage: PreparationStage, _ duration: Duration) {
        times.withLock { $0[stage, default: .zero] += duration }
    }

    subscript(stage: PreparationStage) -> Duration { times.withLock { $0[stage] ?? .zero } }
}

/// `crmkit import` as a user runs it, in processes of its own, for their peak memory: the plan
/// (`crmkit import FILE --mapping M --dry-run --plan-out plan.json`) and the apply of that plan
/// (`crmkit apply plan.json --yes`). Each process's high-water resident set comes from the kernel
/// when it is reaped (`wait4`), so no sampling misses a peak.
struct ImportMemoryMeasurement {
    struct Result {
        var command: String
        var wall: Duration
        var peakBytes: Int
        var status: Int32
    }

    let binary: URL
    let server: SandboxProcess
    /// Where the plan, the run directories and the key ledger go (the processes' directory).
    let directory: URL

    func planAndApply(file: String, mapping: String) throws -> [Result] {
        let plan = directory.appendingPathComponent("plan.json").path
        let planned = try run(["import", file, "--mapping", mapping, "--dry-run", "--plan-out", plan, "--accept-lossy"])
        // A plan with rejected rows or conflicts ends with 65 and is still written.
        guard planned.status == 0 || planned.status == 65 else { return [planned] }
        return [planned, try run(["apply", plan, "--yes"])]
    }

    /// Runs `crmkit ARGS --base-url URL` (the key in the environment, never on a command line)
    /// to its end; its output is drained and dropped, its last lines kept for a failure.
    private func run(_ arguments: [String]) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment["CRM_API_KEY"] = server.apiKey
        let child = try ChildProcess(
            executable: binary.path, arguments: arguments + ["--base-url", server.baseURL],
            environment: environment, directory: directory.path, output: .capture)
        let errors = Mutex(Data())
        let drained = DispatchGroup()
        for (handle, keep) in [(child.standardOutput, false), (child.standardError, true)] {
            guard let handle else { continue }
            DispatchQueue.global().async(group: drained) {
                while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                    if keep { errors.withLock { $0 = ($0 + chunk).suffix(4096) } }
                }
            }
        }
        let start = ContinuousClock.now
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child.pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let wall = ContinuousClock.now - start
        drained.wait()
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        // Paths inside the benchmark's directory are shown relative to it.
        let prefix = directory.path + "/"
        let command =
            "crmkit "
            + arguments.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
            .map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        if code != 0 && code != 65 {
            let tail = String(decoding: errors.withLock { $0 }, as: UTF8.self)
            print("  \(command) ended with \(code): \(tail.split(separator: "\n").suffix(3).joined(separator: " | "))")
        }
        // ru_maxrss is in KiB on Linux.
        return Result(command: command, wall: wall, peakBytes: Int(usage.ru_maxrss) * 1024, status: code)
    }

    static func report(_ results: [Result]) -> [String] {
        results.map {
            String(
                format: "  %@: %.1f s, peak RSS %.0f MiB, exit %d", $0.command, durationSeconds($0.wall),
                Double($0.peakBytes) / 1_048_576, $0.status)
        }
    }
}
