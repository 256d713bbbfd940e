import ArgumentParser
import CRMClient
import CRMModel
import Foundation

/// `crmkit-bench client`: requests per second of `GET /directory/contacts/{id}` through
/// `CRMClient` against `crmkit sandbox serve` running as a child process, at several
/// concurrencies, and the client's CPU time per request (this process's user + system time,
/// which excludes the server).
struct ClientBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Client throughput and CPU cost per request against a sandbox in another process.")

    @Option(help: "Requests per concurrency level.")
    var requests = 4000

    @Option(help: "Comma-separated concurrency levels.")
    var concurrency = "1,8,32"

    @Option(help: "Records to read from (created first).")
    var records = 100

    @Flag(help: "Skip JSON decoding: measure the transport, retries and key handling alone.")
    var raw = false

    @Option(
        help: "multi: CurlTransport (one driver thread, curl multi handle); blocking: curl_easy_perform on GCD threads."
    )
    var transport = "multi"

    @Option(help: "The crmkit binary (default: next to this one).")
    var crmkit: String?

    func run() async throws {
        let levels = concurrency.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !levels.isEmpty, levels.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--concurrency takes positive numbers, e.g. 1,8,32.")
        }
        let binary = crmkit.map { URL(fileURLWithPath: $0) } ?? Self.siblingCRMKit()
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ValidationError("\(binary.path) is not built; run `swift build` (or pass --crmkit PATH).")
        }
        let server = try SandboxProcess(crmkit: binary)
        defer { server.stop() }

        var options = ClientOptions()
        options.transport.maxConcurrentRequests = levels.max() ?? 8
        let http: any HTTPTransport
        switch transport {
        case "multi": http = CurlTransport(options: options.transport)
        case "blocking": http = BlockingCurlTransport(options: options.transport)
        default: throw ValidationError("--transport is multi or blocking.")
        }
        let client = try CRMClient(baseURL: server.baseURL, apiKey: server.apiKey, options: options, transport: http)
        var ids: [ContactID] = []
        for index in 0..<records {
            if let id = try await client.contacts.create(Contact(name: "Bench \(index)")).id { ids.append(id) }
        }
        let allIds = ids

        let raw = self.raw
        print(
            "GET /directory/contacts/{id} through CRMClient (\(transport) "
                + "transport\(raw ? ", raw: no decoding" : "")); server: crmkit sandbox serve (separate process)"
        )
        print("requests per level: \(requests); \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("concurrency  req/s    client CPU µs/req (user + sys)  wall s")
        for level in levels {
            // Warm-up.
            _ = try await Self.load(client, ids: allIds, requests: min(200, requests), concurrency: level, raw: raw)
            let cpuBefore = Self.processCPUSeconds()
            let started = ContinuousClock.now
            try await Self.load(client, ids: allIds, requests: requests, concurrency: level, raw: raw)
            let elapsed = ContinuousClock.now - started
            let cpuAfter = Self.processCPUSeconds()
            let (user, system) = (cpuAfter.user - cpuBefore.user, cpuAfter.system - cpuBefore.system)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let line = String(
                format: "%11d  %7.0f  %8.1f (%5.1f + %5.1f)       %6.2f", level, Double(requests) / seconds,
                (user + system) / Double(requests) * 1e6, user / Double(requests) * 1e6,
                system / Double(requests) * 1e6, seconds)
            print(line)
        }
    }

    /// `requests` GETs spread over `concurrency` tasks, each checking the record it got.
    @discardableResult
    static func load(_ client: CRMClient, ids: [ContactID], requests: Int, concurrency: Int, raw: Bool) async throws
        -> Int
    {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var done = 0
                    var index = worker
                    while index < requests {
                        let id = ids[index % ids.count]
                        if raw {
                            let response = try await client.send(.GET, "/directory/contacts/\(id.rawValue)")
                            if !response.body.isEmpty { done += 1 }
                        } else if try await client.contacts.get(id).id == id {
                            done += 1
                        }
                        index += concurrency
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// User and system CPU seconds of this whole process so far.
    static func processCPUSeconds() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return (user, system)
    }

    static func siblingCRMKit() -> URL {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("crmkit")
    }
}
