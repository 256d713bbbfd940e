import CRMClient
import CRMImport
import CRMModel
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
