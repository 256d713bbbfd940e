import ArgumentParser
import CRMSupport
import CRMSync
import Foundation

/// `crmkit review MERGES.yaml`: a local web page to review a merge plan. Every decision is
/// written into the plan file at once, so `dedupe apply` takes the reviewed file as it is.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a merge plan in the browser; every decision is saved into the plan file.",
        discussion:
            "Serves a page on 127.0.0.1 at a free port and prints its address (with a one-time token). "
            + "Opens it with xdg-open when there is a display. Ctrl-C stops it. See docs/review.md."
    )

    @Argument(
        help: ArgumentHelp(
            "The merge plan written by `crmkit dedupe contacts|organizations --out`.", valueName: "MERGES.yaml"))
    var file: String

    @Flag(help: "Print the address but do not open a browser.")
    var noOpen = false

    func run() async throws {
        let review: MergePlanReview
        do { review = try MergePlanReview(path: file) } catch {
            Output.diagnostic("\(error)")
            throw ExitStatus.usage
        }
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        let server = try await RunningReviewServer.start(review)
        StandardStreams.writeOut(
            "review \(server.url)\n"
                + "\(review.groupCount) group(s) of \(review.entity) in \(file); Ctrl-C stops the server\n"
        )
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
