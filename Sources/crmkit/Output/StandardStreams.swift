#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Unbuffered writes to stdout and stderr with `write(2)`.
///
/// A reader that stops early (`crmkit contacts list --all | head -1`) closes the pipe; the next
/// write fails with EPIPE. That is not an error of the command: like `git` and `jq`, crmkit then
/// ends at once, quietly and with exit status 0, because nobody is left to read what it would
/// print. SIGPIPE is ignored (`ignoreBrokenPipeSignal`) so the failure arrives here as EPIPE
/// instead of killing the process with status 141. A closed or failing stderr is ignored: there
/// is nowhere left to say so.
enum StandardStreams {
    /// Called once at start-up, before anything is written.
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func writeOut(_ text: String) {
        var text = text
        text.withUTF8 { writeAll($0, to: STDOUT_FILENO) }
    }

    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { writeAll($0, to: STDERR_FILENO) }
    }

    /// Writes every byte, retrying short writes and interrupted calls.
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written >= 0 {
                offset += written
                continue
            }
            if errno == EINTR { continue }
            if descriptor == STDOUT_FILENO && errno == EPIPE { readerWentAway() }
            return
        }
    }

    /// The reader of stdout is gone: end now with exit status 0. `_exit` skips atexit handlers,
    /// which could otherwise race the threads still running (the embedded sandbox's server); the
    /// database and journals are safe because they are written durably step by step.
    static func readerWentAway() -> Never {
        _exit(ExitStatus.ok.rawValue)
    }
}
