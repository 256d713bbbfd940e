import CCurl
import Foundation
import Synchronization

/// Runs every transfer of one transport on a single dedicated thread through a libcurl multi
/// handle: no thread blocks per request (unlike `curl_easy_perform` on GCD threads), connections
/// are pooled by the multi handle (keep-alive), and easy handles are reused. Tasks submit work
/// through a lock-protected inbox and wake the thread with `curl_multi_wakeup`.
final class CurlMultiDriver: @unchecked Sendable {
    private struct Inbox {
        var transfers: [CurlTransfer] = []
        var shuttingDown = false
        /// A wake-up was sent since the driver last emptied the inbox: the driver is bound to empty
        /// it again without waiting, so further submissions skip `curl_multi_wakeup` (a write to
        /// curl's wake-up socket, and a `poll` return, per request otherwise).
        var wakePending = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    // Touched only on the driver thread.
    private var active: [UnsafeMutableRawPointer: (handle: CurlEasyHandle, transfer: CurlTransfer)] = [:]
    private var idleHandles: [CurlEasyHandle] = []

    init?(maxConnections: Int) {
        guard CurlGlobal.ensureInitialised(), let multi = curl_multi_init() else { return nil }
        self.multi = multi
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, maxConnections))
        let thread = Thread { [self] in run() }
        thread.name = "crmkit.curl"
        thread.start()
    }

    /// Queues a transfer; its completion runs on the driver thread.
    func submit(_ transfer: CurlTransfer) {
        let (accepted, needsWake) = inbox.withLock { inbox -> (Bool, Bool) in
            guard !inbox.shuttingDown else { return (false, false) }
            inbox.transfers.append(transfer)
            defer { inbox.wakePending = true }
            return (true, !inbox.wakePending)
        }
        guard accepted else {
            transfer.finish(
                .failure(
                    TransportError(
                        code: -1, message: "the HTTP transport was shut down", requestMayHaveBeenSent: false,
                        isTimeout: false)))
            return
        }
        if needsWake { curl_multi_wakeup(multi) }
    }

    /// Wakes the driver so it notices a cancelled transfer.
    func wake() { curl_multi_wakeup(multi) }

    /// Ends the driver thread once; transfers still queued fail as not sent.
    func shutdown() {
        inbox.withLock { $0.shuttingDown = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            let (incoming, stop) = inbox.withLock { inbox in
                defer {
                    inbox.transfers.removeAll(keepingCapacity: true)
                    inbox.wakePending = false
                }
                return (inbox.transfers, inbox.shuttingDown && active.isEmpty)
            }
            if stop {
                for transfer in incoming {
                    transfer.finish(
                        .failure(
                            TransportError(
                                code: -1, message: "the HTTP transport was shut down", requestMayHaveBeenSent: false,
                                isTimeout: false)))
                }
                break
            }
            for transfer in incoming { start(transfer) }
            abandonCancelled()
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        idleHandles.removeAll()
        curl_multi_cleanup(multi)
    }

    private func start(_ transfer: CurlTransfer) {
        guard let handle = idleHandles.popLast() ?? CurlEasyHandle() else {
            transfer.finish(
                .failure(
                    TransportError(
                        code: -1, message: "libcurl could not be initialised", requestMayHaveBeenSent: false,
                        isTimeout: false)))
            return
        }
        handle.configure(for: transfer)
        active[handle.raw] = (handle, transfer)
        _ = curl_multi_add_handle(multi, handle.raw)
    }

    private func abandonCancelled() {
        for (easy, entry) in active where entry.transfer.isCancelled {
            active.removeValue(forKey: easy)
            _ = curl_multi_remove_handle(multi, easy)
            idleHandles.append(entry.handle)
            entry.transfer.finish(.failure(TransportError.cancelled))
        }
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let (handle, transfer) = active.removeValue(forKey: easy)
            else { continue }
            let code = message.pointee.data.result
            _ = curl_multi_remove_handle(multi, easy)
            let result = handle.result(of: transfer, code: code)
            idleHandles.append(handle)
            transfer.finish(result)
        }
    }
}
