import CRMModel
import Foundation

/// An export's progress on stderr: redrawn in place on a terminal, else one line every five
/// seconds, so a long export in a log still shows it is moving.
final class ExportProgressPrinter: @unchecked Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastDraw = Date()
    private var drewInPlace = false

    func update(_ entity: EntityKind, _ count: Int, _ total: Int?) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= (isTerminal ? 0.2 : 5) else { return }
            lastDraw = now
            let of = total.map { " of \($0)" } ?? ""
            let line = "exporting \(entity.plural): \(count)\(of)"
            if isTerminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
                drewInPlace = true
            } else {
                Output.diagnostic(line)
            }
        }
    }

    func finish() {
        lock.withLock {
            if drewInPlace { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }
}
