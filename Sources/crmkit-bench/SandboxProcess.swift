import Foundation

/// `crmkit sandbox serve` in a child process, so that the benchmark's own CPU time is the
/// client's alone.
final class SandboxProcess {
    let baseURL: String
    let apiKey: String
    private let process: Process
    private let directory: URL

    /// The child's process id, to read its CPU time from /proc.
    var pid: Int32 { process.processIdentifier }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    init(crmkit: URL, latencyMilliseconds: Int = 0) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        apiKey = "bench-" + UUID().uuidString
        process = Process()
        process.executableURL = crmkit
        process.arguments = [
            "sandbox", "serve", "--db", directory.appendingPathComponent("sandbox.sqlite").path, "--port", "0",
            "--api-key", apiKey, "--latency-ms", String(latencyMilliseconds),
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is "listening on http://HOST:PORT".
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let firstLine = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard firstLine.hasPrefix("listening on ") else {
            process.terminate()
            throw StartError(description: "crmkit sandbox serve did not start (first line: '\(firstLine)')")
        }
        baseURL = String(firstLine.dropFirst("listening on ".count))
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}

extension SandboxProcess {
    /// The server's CPU time so far, from /proc (nil elsewhere).
    var cpuTime: CPUTime? { CPUTime.ofProcess(pid) }
}
