import ArgumentParser
import CRMModel
import CRMSupport
import CRMSync
import Foundation

/// `crmkit review FILE`: a local web page to review a merge plan or an import run's conflicts.
/// Every decision is written into the file at once, so `dedupe apply` or `runs resume` takes the
/// reviewed file as it is.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract:
            "Review a merge plan or an import run's conflicts in the browser; every decision is saved into the file.",
        discussion:
            "FILE is a merge plan (`crmkit dedupe contacts --out MERGES.yaml`), or an import run directory "
            + "(.crmkit/runs/RUN) or its conflicts.yaml: each row left alone as a conflict beside the records it "
            + "matched, to decide create, update a candidate, or skip; `crmkit runs resume RUN` then applies them. "
            + "Serves a page on 127.0.0.1 at a free port and prints its address (with a one-time token). "
            + "Opens it with xdg-open when there is a display. Ctrl-C stops it.\n\n"
            + "Keys, merge plans: j/k next/previous group, a accept, r reject, s next survivor, 1-9 that record "
            + "survives, u undo. Conflicts: j/k next/previous, c create, 1-9 update that candidate, s skip, "
            + "n undecided, u undo. See docs/review.md."
    )

    @Argument(
        help: ArgumentHelp(
            "A merge plan written by `crmkit dedupe contacts|organizations --out`, or an import run directory "
                + "(or its conflicts.yaml).", valueName: "FILE"))
    var file: String

    @Flag(help: "Print the address but do not open a browser.")
    var noOpen = false

    func run() async throws {
        let backend: any ReviewBackend
        let what: String
        guard FileManager.default.fileExists(atPath: file) else {
            Output.diagnostic(
                Diagnostic(
                    file: file, "no such file or directory",
                    hint: "give a merge plan (crmkit dedupe … --out FILE) or an import run's directory "
                        + "(.crmkit/runs/RUN)"
                ).description)
            throw ExitStatus.usage
        }
        do {
            if ConflictReview.handles(file) {
                let review = try ConflictReview(path: file)
                backend = ConflictReviewAPI(review: review)
                what = "\(review.conflictCount) conflict(s) of \(review.entity) in \(review.path)"
            } else {
                let review = try MergePlanReview(path: file)
                backend = MergeReviewAPI(review: review)
                what = "\(review.groupCount) group(s) of \(review.entity) in \(file)"
            }
        } catch {
            Output.diagnostic("\(error)")
            throw ExitStatus.usage
        }
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        let server = try await RunningReviewServer.start(backend)
        StandardStreams.writeOut("review \(server.url)\n\(what); Ctrl-C stops the server\n")
        if !noOpen { Self.openBrowser(server.url) }
        _ = await signals.next()
        await server.stop()
    }

    /// Only with a display: on a server or over ssh there is nothing to open it in.
    static func openBrowser(_ url: String) {
        let environment = ProcessInfo.processInfo.environment
        guard
            environment["DISPLAY"].map({ !$0.isEmpty }) == true
                || environment["WAYLAND_DISPLAY"].map({ !$0.isEmpty }) == true,
            let opener = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"].first(
                where: FileManager.default.isExecutableFile)
        else { return }
        _ = try? ChildProcess(
            executable: opener, arguments: [url], environment: environment,
            directory: FileManager.default.currentDirectoryPath, output: .discard)
    }
}
