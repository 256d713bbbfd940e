import CRMClient
import CRMSupport
import CRMSync
import Foundation
import Testing

/// `crmkit review` as a user runs it: the binary serves a plan of a sandbox's duplicates, and
/// our own libcurl client talks to it over loopback like the page does.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ReviewCommandTests {
    @Test func refusesRequestsWithoutTheTokenFromOtherOriginsAndOutsideItsOwnPaths() async throws {
        try await withReviewedPlan { sandbox, server in
            let transport = CurlTransport()
            let base = "http://127.0.0.1:\(server.port)"
            #expect(try await transport.send(HTTPRequest(method: "GET", url: base + "/")).status == 401)
            #expect(try await transport.send(HTTPRequest(method: "GET", url: base + "/api/groups")).status == 401)
            #expect(
                try await transport.send(
                    HTTPRequest(method: "GET", url: base + "/?token=" + String(repeating: "0", count: 64))
                ).status == 401)

            let page = try await transport.send(HTTPRequest(method: "GET", url: server.url))
            #expect(page.status == 200)
            #expect(String(decoding: page.body, as: UTF8.self).contains("<script src=\"/review.js\""))
            let cookie = try #require(page.header("Set-Cookie"))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let session = try #require(cookie.split(separator: ";").first.map(String.init))

            let withCookie = { (path: String) in
                HTTPRequest(method: "GET", url: base + path, headers: [("Cookie", session)])
            }
            #expect(try await transport.send(withCookie("/api/groups")).status == 200)
            #expect(try await transport.send(withCookie("/review.js")).status == 200)

            var otherOrigin = withCookie("/api/groups")
            otherOrigin.headers.append(("Origin", "http://attacker.example"))
            #expect(try await transport.send(otherOrigin).status == 403)
            var rebound = withCookie("/api/groups")
            rebound.headers.append(("Host", "attacker.example:\(server.port)"))
            #expect(try await transport.send(rebound).status == 403)

            for outside in [
                "/merges.yaml", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/api/../merges.yaml",
                "/.crmkit/sandbox.sqlite",
            ] {
                let answer = try await transport.send(withCookie(outside))
                #expect(answer.status == 404, "\(outside)")
                #expect(!String(decoding: answer.body, as: UTF8.self).contains("group:"), "\(outside)")
            }
            _ = sandbox
        }
    }

    @Test func aPlanThatCannotBeReadIsReportedWithItsLineAndNothingIsServed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = """
            version: 1
            entity: "contacts"
            records: 2
            threshold: 0.95
            groups:
              - group: 1
                band: "maybe"

            """
        try plan.write(to: directory.appendingPathComponent("merges.yaml"), atomically: false, encoding: .utf8)
        let broken = try await CLI.run(["review", "merges.yaml", "--no-open"], in: directory)
        #expect(broken.status == 64, "\(broken.all)")
        #expect(broken.stderr.contains("merges.yaml:"), "\(broken.all)")
        #expect(!broken.stdout.contains("http://"), "\(broken.all)")
        let missing = try await CLI.run(["review", "absent.yaml", "--no-open"], in: directory)
        #expect(missing.status == 64 && missing.stderr.contains("absent.yaml"), "\(missing.all)")
        #expect(
            missing.stderr.contains("absent.yaml: error: no such file or directory; give a merge plan"),
            "\(missing.all)")
    }

    @Test func decisionsAreSavedIntoThePlanAndApplyCarriesThemOut() async throws {
        try await withReviewedPlan { sandbox, server in
            let transport = CurlTransport()
            let base = "http://127.0.0.1:\(server.port)"
            let headers = [("X-Review-Token", server.token), ("Content-Type", "application/json"), ("Origin", base)]
            let plan = sandbox.directory.appendingPathComponent("merges.yaml").path
            let before = try MergePlanReader.load(path: plan)
            #expect(before.groups.count == 2)
            let jane = try #require(before.groups.first { $0.members.contains { $0.name == "Jane Doe" } })
            let max = try #require(before.groups.first { $0.members.contains { $0.name == "Max Mustermann" } })
            let other = try #require(jane.members.first { $0.id != jane.survivor }).id

            func post(_ path: String, _ body: String) async throws -> HTTPResponse {
                try await transport.send(
                    HTTPRequest(method: "POST", url: base + path, headers: headers, body: Data(body.utf8)))
            }
            #expect(try await post("/api/decisions", #"{"action": "reject", "group": \#(max.group)}"#).status == 200)
            #expect(
                try await post(
                    "/api/decisions", #"{"action": "survivor", "group": \#(jane.group), "member": "\#(other)"}"#
                ).status == 200)
            #expect(try await post("/api/decisions", #"{"action": "accept", "group": \#(jane.group)}"#).status == 200)
            #expect(
                try await post("/api/decisions", #"{"action": "drop", "group": \#(jane.group), "member": "\#(other)"}"#)
                    .status == 409)
            #expect(try await post("/api/decisions", #"{"action": "fly", "group": 1}"#).status == 400)

            let saved = try MergePlanReader.load(path: plan)
            #expect(saved.groups.first { $0.group == max.group }?.band == "rejected")
            #expect(saved.groups.first { $0.group == jane.group }?.survivor == other)
            #expect(saved.groupsToMerge.map(\.group) == [jane.group])

            let list = try await transport.send(
                HTTPRequest(method: "GET", url: base + "/api/groups?decided=no", headers: headers))
            let page = try JSONDecoder().decode(ReviewPage.self, from: list.body)
            #expect(page.left == 0 && page.total == 0)

            let applied = try await sandbox.run(["dedupe", "apply", "merges.yaml", "--yes"])
            #expect(applied.stdout.contains("1 group(s) merged, 0 already done, 0 refused"), "\(applied.all)")
            let remaining = try await DedupeApplyCommandTests.contacts(sandbox)
            #expect(remaining.filter { ($0["name"] as? String) == "Max Mustermann" }.count == 2)
            let janes = remaining.filter { ($0["name"] as? String) == "Jane Doe" }
            #expect(janes.count == 1)
            #expect(janes.first.map { "\($0["id"] ?? "")" } == other)
        }
    }
}

/// A `crmkit review` process for one test, serving `merges.yaml` of a sandbox with planted duplicates.
struct ReviewProcess {
    let process: ChildProcess
    let url: String
    let port: Int
    let token: String

    /// Starts the server and reads its first line, `review http://127.0.0.1:PORT/?token=TOKEN`.
    static func start(_ file: String, in directory: URL) async throws -> ReviewProcess {
        guard let binary = CLI.binary else { throw CLIHarnessError.binaryMissing }
        let process = try ChildProcess(
            executable: binary.path, arguments: ["review", file, "--no-open"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path], directory: directory.path, output: .capture)
        guard let output = process.standardOutput else { throw StartError.noAddress("") }
        let line: String = await OwnThread.run {
            var bytes: [UInt8] = []
            while let byte = try? output.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { bytes.append(byte) }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard line.hasPrefix("review http://127.0.0.1:"), let tokenStart = line.range(of: "?token=") else {
            process.kill()
            throw StartError.noAddress(line)
        }
        OwnThread.start { _ = output.readDataToEndOfFile() }
        OwnThread.start { _ = process.standardError?.readDataToEndOfFile() }
        let url = String(line.dropFirst("review ".count))
        let port = Int(url.dropFirst("http://127.0.0.1:".count).prefix { $0.isNumber }) ?? 0
        return ReviewProcess(process: process, url: url, port: port, token: String(line[tokenStart.upperBound...]))
    }

    /// Ctrl-C, as a user stops it.
    func stop() {
        kill(process.pid, SIGINT)
        process.waitUntilExit()
    }

    enum StartError: Error { case noAddress(String) }
}

/// Seeds two pairs of duplicates and one single record, writes `merges.yaml` and reviews it.
func withReviewedPlan(_ body: (CLISandbox, ReviewProcess) async throws -> Void) async throws {
    try await withCLISandbox { sandbox in
        _ = try await DedupeApplyCommandTests.seed(sandbox)
        let scan = try await sandbox.run(["dedupe", "contacts", "--out", "merges.yaml"])
        #expect(scan.status == 0, "\(scan.all)")
        let server = try await ReviewProcess.start("merges.yaml", in: sandbox.directory)
        do {
            try await body(sandbox, server)
        } catch {
            server.stop()
            throw error
        }
        server.stop()
    }
}
