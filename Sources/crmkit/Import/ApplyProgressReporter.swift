import CRMSync
import Foundation
import Synchronization

/// Shows an apply's progress on stderr: a bar redrawn in place (steps, rate, ETA) when stderr
/// is a terminal, else one plain line every `interval` seconds, so logs of long runs in CI or
/// under nohup still show that the run is alive and how far it has come.
final class ApplyProgressReporter: Sendable {
    private let isTerminal: Bool
    private let interval: Double
    private let start = Date()
    /// Updates come from the concurrent steps; the lock also keeps two redraws from mixing.
    private let drawn = Mutex(Drawn())

    private struct Drawn {
        var lastDraw = Date.distantPast
        var firstDone: Int?
        var last: ApplyProgress?
    }

    init(interval: Double = 5, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.isTerminal = isTerminal
        self.interval = interval
    }

    func update(_ progress: ApplyProgress) {
        drawn.withLock { drawn in
            if drawn.firstDone == nil { drawn.firstDone = progress.done + progress.failed }
            drawn.last = progress
            let now = Date()
            guard now.timeIntervalSince(drawn.lastDraw) >= (isTerminal ? 0.1 : interval) else { return }
            // In a log, a line saying nothing happened yet is noise; the bar shows it at once.
            guard isTerminal || progress.done + progress.failed > (drawn.firstDone ?? 0) else { return }
            drawn.lastDraw = now
            draw(progress, firstDone: drawn.firstDone, final: false)
        }
    }

    /// The last state, on a line of its own.
    func finish() {
        drawn.withLock { drawn in
            if let last = drawn.last { draw(last, firstDone: drawn.firstDone, final: true) }
        }
    }

    private func draw(_ progress: ApplyProgress, firstDone: Int?, final: Bool) {
        let finished = progress.done + progress.failed
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(finished - (firstDone ?? 0)) / elapsed
        let remaining = progress.total - finished
        let eta = rate > 0 ? Self.duration(Double(remaining) / rate) : "?"
        let failed = progress.failed > 0 ? ", \(progress.failed) failed" : ""
        let figures = "\(finished)/\(progress.total) steps\(failed), \(Int(rate))/s, ETA \(eta)"
        if isTerminal {
            let width = 30
            let filled = progress.total == 0 ? width : min(width, width * finished / progress.total)
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            StandardStreams.writeError("\r\u{1B}[2K[\(bar)] \(figures)\(final ? "\n" : "")")
        } else {
            let percent = progress.total == 0 ? 100 : 100 * finished / progress.total
            Output.diagnostic("applied \(figures) (\(percent)%)")
        }
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? "\(total / 3600)h\(total % 3600 / 60)m" : total >= 60 ? "\(total / 60)m\(total % 60)s" : "\(total)s"
    }
}
