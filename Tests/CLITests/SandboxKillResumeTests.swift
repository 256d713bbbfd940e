import CRMClient
import CRMModel
import CRMSupport
import Foundation
import GRDB
import Testing

/// The sandbox survives its own crash in the middle of an import: `crmkit sandbox serve` is
/// killed with SIGKILL while `crmkit import` of a 10,000-row file is applying, started again on
/// the same database, and the run is finished with `crmkit runs resume`. Then the database passes
/// `PRAGMA integrity_check`, every create the sandbox acknowledged (journaled by the import with
/// its id) is there, and the CRM holds what an uninterrupted import of the file leaves.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason), .serialized)
struct SandboxKillResumeTests {
    static let key = "kill-resume-key-0123456789"
    static let rows = 10_000

    @Test("sandbox killed mid-import of 10,000 rows, restarted, run resumed (1 case)")
    func killedSandboxThenResumeEndsAsAnUninterruptedImport() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-kill-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("contacts.csv").path
        let sample = try await CLI.run(
            [
                "sample", "--count", String(Self.rows), "--format", "csv", "--out", file, "--duplicates", "0.1",
                "--seed", "21",
            ], in: directory)
        try #require(sample.status == 0, "\(sample.stderr)")
        let database = directory.appendingPathComponent("killed.sqlite").path
        let journal = directory.appendingPathComponent("runs")

        // The import runs against a served sandbox; once a fifth of the rows are created, the
        // server is killed under it. The sandbox answers 20 ms late, so 10,000 creates take half
        // a minute or more, and the journal is watched from a thread of its own, which busy test
        // threads cannot hold up: the kill lands in the middle.
        let server = try await ServeProcess.start(
            database: database, apiKey: Self.key, extraArguments: ["--latency-ms", "20"], in: directory)
        let baseURL = server.baseURL
        let importer = try ChildProcess(
            executable: try #require(CLI.binary).path,
            arguments: [
                "import", file, "--mapping", ImportCrashTests.mapping, "--yes", "--journal", journal.path,
                "--base-url", baseURL, "--api-key", Self.key,
            ],
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path], directory: directory.path, output: .discard)
        let killAt = Self.rows / 5
        let (importRunningAtKill, createdAtKill) = await withCheckedContinuation { continuation in
            // A thread, not a GCD worker: the global queues have as few workers as cores, and a
            // worker held for half a minute would stall every test waiting on them.
            Thread {
                var watcher = CreateCounter(journal: journal)
                let deadline = Date().addingTimeInterval(600)
                while watcher.count < killAt, importer.isRunning, Date() < deadline {
                    usleep(5_000)
                    watcher.update()
                }
                let running = importer.isRunning
                server.kill()
                server.waitForExit()
                continuation.resume(returning: (running, watcher.count))
            }.start()
        }
        #expect(
            importRunningAtKill && createdAtKill >= killAt,
            "the import ended or stalled after \(createdAtKill) creates, before the sandbox was killed")
        // Without its CRM the import stops by itself; it is killed if it has not within a minute.
        if try await !ImportCrashTests.wait(importer, seconds: 60) { importer.kill() }
        let importStatus = importer.waitUntilExit()
        #expect(importStatus != 0 && importStatus != 65, "the import reported success although its CRM was killed")
        let acknowledged = Self.acknowledgedCreates(in: journal)
        let run = try #require(try FileManager.default.contentsOfDirectory(atPath: journal.path).sorted().first)

        // Restarted on the same database and port (the plan names its CRM), the run resumed.
        let restarted = try await ServeProcess.start(
            database: database, apiKey: Self.key, port: server.port, in: directory)
        let resume = try await CLI.run(
            ["runs", "resume", run, "--journal", journal.path, "--base-url", baseURL, "--api-key", Self.key],
            in: directory)
        // 65: done, with rows left alone as conflicts (the sample plants look-alikes).
        #expect(resume.status == 0 || resume.status == 65, "crmkit runs resume: \(resume.all)")

        let client = try CRMClient(baseURL: restarted.baseURL, apiKey: Self.key)
        var stored = Set<String>()
        for try await contact in client.contacts.list(pageSize: 1000) { stored.insert(contact.id?.rawValue ?? "") }
        let missing = acknowledged.subtracting(stored)
        #expect(
            missing.isEmpty,
            """
            \(missing.count) of \(acknowledged.count) acknowledged creates \
            are missing after the crash: \(missing.sorted().prefix(5))
            """
        )
        let resumed = try await SandboxInvariants.fingerprint(client)
        restarted.kill()
        restarted.waitForExit()

        let integrity = try await DatabaseQueue(path: database).read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check")
        }
        #expect(integrity == ["ok"], "PRAGMA integrity_check: \(integrity.prefix(5))")

        // The same file imported without interruption, into a fresh sandbox (served by a process
        // of its own: 10,000 creates in this one would starve the tests running beside it).
        let clean = try await ServeProcess.start(
            database: directory.appendingPathComponent("clean.sqlite").path, apiKey: Self.key, in: directory)
        let result = try await CLI.run(
            [
                "import", file, "--mapping", ImportCrashTests.mapping, "--yes", "--journal",
                directory.appendingPathComponent("clean-runs").path,
                "--base-url", clean.baseURL, "--api-key", Self.key,
            ], in: directory)
        #expect(result.status == 0 || result.status == 65, "\(result.stderr)")
        let uninterrupted = try await SandboxInvariants.fingerprint(
            try CRMClient(baseURL: clean.baseURL, apiKey: Self.key))
        clean.kill()
        clean.waitForExit()
        #expect(resumed.count == uninterrupted.count)
        let extra = resumed.subtracting(uninterrupted)
        let lost = uninterrupted.subtracting(resumed)
        #expect(
            extra.isEmpty && lost.isEmpty,
            "extra \(extra.count): \(extra.prefix(3)); missing \(lost.count): \(lost.prefix(3))")
    }

    /// Counts the creates journaled so far, reading only what was appended since the last look
    /// (the poll must stay cheap next to the import it watches).
    struct CreateCounter {
        let journal: URL
        private(set) var count = 0
        private var offsets: [String: UInt64] = [:]

        init(journal: URL) { self.journal = journal }

        mutating func update() {
            let runs = (try? FileManager.default.contentsOfDirectory(atPath: journal.path)) ?? []
            for run in runs {
                let path = journal.appendingPathComponent(run).appendingPathComponent("journal.jsonl").path
                guard let handle = FileHandle(forReadingAtPath: path) else { continue }
                defer { try? handle.close() }
                let start = offsets[path] ?? 0
                try? handle.seek(toOffset: start)
                guard let data = try? handle.readToEnd(), let lastNewline = data.lastIndex(of: UInt8(ascii: "\n"))
                else { continue }
                // Only whole lines; a line being written is read next time.
                let lines = data[data.startIndex...lastNewline]
                let marker = Array(#""event":"created""#.utf8)
                for line in lines.split(separator: UInt8(ascii: "\n")) where line.firstRange(of: marker) != nil {
                    count += 1
                }
                offsets[path] = start + UInt64(lines.count)
            }
        }
    }

    /// The CRM ids of the creates whose answer the import journaled: what the sandbox acknowledged.
    static func acknowledgedCreates(in journal: URL) -> Set<String> {
        var ids = Set<String>()
        let runs = (try? FileManager.default.contentsOfDirectory(atPath: journal.path)) ?? []
        for run in runs {
            let path = journal.appendingPathComponent(run).appendingPathComponent("journal.jsonl").path
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            for line in data.split(separator: UInt8(ascii: "\n")) {
                // A line being written when it was read is incomplete: skipped, read next time.
                guard case .object(let entry)? = try? JSONParser.parse(Array(line)),
                    entry["event"]?.stringValue == "created", let id = entry["id"]?.stringValue
                else { continue }
                ids.insert(id)
            }
        }
        return ids
    }
}

/// What two CRMs are compared by when their ids differ.
enum SandboxInvariants {
    /// Every contact and organization as values; a multiset, so a record stored twice shows.
    static func fingerprint(_ client: CRMClient) async throws -> Set<String> {
        var organizations: [String: String] = [:]
        var result: [String] = []
        for try await organization in client.organizations.list(pageSize: 1000) {
            organizations[organization.id?.rawValue ?? ""] = organization.name ?? ""
            result.append("organization ; \(organization.name ?? "")")
        }
        for try await contact in client.contacts.list(pageSize: 1000) {
            let emails = (contact.email ?? []).compactMap(\.value).joined(separator: "|")
            let phones = (contact.phone ?? []).compactMap(\.value).joined(separator: "|")
            let organization = contact.fields["organizationId"]?.stringValue.flatMap { organizations[$0] } ?? "-"
            result.append(
                [
                    contact.name ?? "", emails, phones, contact.jobTitle ?? "", organization,
                    contact.fields["note"]?.stringValue ?? "",
                ].joined(separator: " ; "))
        }
        var counted: [String: Int] = [:]
        return Set(
            result.map { item in
                counted[item, default: 0] += 1
                return "\(item) #\(counted[item] ?? 1)"
            })
    }
}
