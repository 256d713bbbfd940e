import ArgumentParser
import CRMClient
import CRMModel
import CRMSandbox
import Foundation

/// `crmkit-bench sandbox`: requests per second of the in-process sandbox over real loopback HTTP
/// (libcurl client, keep-alive), and list latency on a large table. Run a release build:
/// `swift run -c release crmkit-bench sandbox`.
struct SandboxBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Sandbox throughput (GET/POST at 1 and 16 connections) and list latency over 100,000 contacts.")

    @Option(help: "Requests per throughput measurement.")
    var requests = 20_000

    @Option(help: "Contacts seeded for the list measurement.")
    var records = 100_000

    @Option(help: "Requests per list measurement (median and p95 are reported).")
    var listRequests = 200

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sandbox = try await SandboxServer.start(
            SandboxConfiguration(databasePath: directory.appendingPathComponent("bench.sqlite").path))
        let key = sandbox.primaryKey
        print(
            "sandbox at \(sandbox.baseURL), \(ProcessInfo.processInfo.activeProcessorCount) "
                + "cores, database in \(directory.path)"
        )

        let contactId = try await sandbox.bulkCreate(.contact, [Self.contact(0)]).first ?? "1"
        for connections in [1, 16] {
            let requester = APIRequester(
                baseURL: sandbox.baseURL, apiKey: key,
                transport: CurlTransport(options: .init(maxConcurrentRequests: connections)))
            let getRate = try await throughput(requests: requests, concurrency: connections) { _ in
                try await requester.send("GET", "/directory/contacts/\(contactId)").status == 200
            }
            print(
                String(
                    format: "GET  /directory/contacts/{id}  %2d connection(s): %8.0f requests/s", connections, getRate))
            let postRate = try await throughput(requests: requests / 2, concurrency: connections) { index in
                let body = Data(JSONText(Self.contact(index)).utf8)
                return try await requester.send("POST", "/directory/contacts", body: body).status == 201
            }
            print(
                String(
                    format: "POST /directory/contacts       %2d connection(s): %8.0f requests/s", connections, postRate)
            )
        }

        let seeded = try await seed(sandbox, count: records)
        print("seeded \(seeded) contacts through bulkCreate")
        let requester = APIRequester(baseURL: sandbox.baseURL, apiKey: key)
        let pages = max(1, records / 100)
        let scenarios: [(String, (Int) -> [(String, String)])] = [
            ("page of 100, default order", { index in [("size", "100"), ("page", String(index % pages + 1))] }),
            (
                "page of 100, orderBy=name",
                { index in [("size", "100"), ("page", String(index % 50 + 1)), ("orderBy", "name")] }
            ),
            (
                "page of 100, orderBy=createdOn desc",
                { index in
                    [("size", "100"), ("page", String(index % 50 + 1)), ("orderBy", "createdOn"), ("sort", "desc")]
                }
            ),
            (
                "name filter + orderBy=name",
                { index in [("size", "100"), ("name", "Person \(index % 9 + 1)"), ("orderBy", "name")] }
            ),
        ]
        for (label, query) in scenarios {
            var timings: [Double] = []
            for index in 0..<listRequests {
                let start = DispatchTime.now().uptimeNanoseconds
                let response = try await requester.send("GET", "/directory/contacts", query: query(index))
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                guard response.status == 200 else { throw ValidationError("list answered \(response.status)") }
                timings.append(elapsed)
            }
            timings.sort()
            let median = timings[timings.count / 2]
            let p95 = timings[min(timings.count - 1, Int(Double(timings.count) * 0.95))]
            print(String(format: "GET /directory/contacts (%@): median %.2f ms, p95 %.2f ms", label, median, p95))
        }
        await sandbox.stop()
    }

    static func contact(_ index: Int) -> JSONObject {
        [
            "name": .string("Person \(index)"),
            "email": [["label": "Work", "value": .string("person\(index)@example.com"), "primary": true]],
            "phone": [["label": "Mobile", "value": .string("+1 555 \(String(format: "%07d", index % 10_000_000))")]],
            "jobTitle": "Engineer",
        ]
    }

    private func seed(_ sandbox: RunningSandbox, count: Int) async throws -> Int {
        var created = 0
        while created < count {
            let batch = min(10_000, count - created)
            try await sandbox.bulkCreate(.contact, (created..<created + batch).map(Self.contact))
            created += batch
        }
        return created
    }

    /// Runs `requests` calls with at most `concurrency` in flight; returns requests per second.
    private func throughput(requests: Int, concurrency: Int, _ call: @escaping @Sendable (Int) async throws -> Bool)
        async throws -> Double
    {
        let start = DispatchTime.now().uptimeNanoseconds
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            let perWorker = requests / concurrency
            for worker in 0..<concurrency {
                group.addTask {
                    var failures = 0
                    for index in 0..<perWorker where try await !call(worker * perWorker + index) { failures += 1 }
                    return failures
                }
            }
            return try await group.reduce(0, +)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if failures > 0 { print("  \(failures) request(s) did not succeed") }
        return Double(requests) / seconds
    }
}

/// Compact JSON text for a body (the benchmark's own, to keep the client cost out of the way).
private func JSONText(_ object: JSONObject) -> String {
    let data = (try? JSONEncoder().encode(JSONValue.object(object))) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
}
