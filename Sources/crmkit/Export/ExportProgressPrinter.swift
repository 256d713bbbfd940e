import CRMModel
import Foundation
import Synchronization

/// An export's progress on stderr: redrawn in place on a terminal, else one line every five
/// seconds, so a long export in a log still shows it is moving.
final class ExportProgressPrinter: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    /// Updates may come from any task of the export; the lock also keeps two redraws from mixing.
    private let drawn = Mutex(Drawn())

    private struct Drawn {
        var lastDraw = Date()
        var drewInPlace = false
    }

    func update(_ entity: EntityKind, _ count: Int, _ total: Int?) {
        drawn.withLock { drawn in
            let now = Date()
            guard now.timeIntervalSince(drawn.lastDraw) >= (isTerminal ? 0.2 : 5) else { return }
            drawn.lastDraw = now
            let of = total.map { " of \($0)" } ?? ""
            let line = "exporting \(entity.plural): \(count)\(of)"
            if isTerminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
                drawn.drewInPlace = true
            } else {
                Output.diagnostic(line)
            }
        }
    }

    func finish() {
        drawn.withLock { drawn in
            if drawn.drewInPlace { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }
}
