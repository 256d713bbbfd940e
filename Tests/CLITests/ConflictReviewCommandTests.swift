import CRMClient
import CRMSupport
import CRMSync
import Foundation
import Testing

/// `crmkit review RUN` and `crmkit runs resume RUN` as a user runs them: an import leaves Jane's
/// row alone (she shares John's family address), the binary serves the run's conflicts, our own
/// libcurl client decides over loopback like the page does, and resume writes what was decided.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ConflictReviewCommandTests {
    static let header = "First Name,Last Name,E-mail Address,E-mail 2 Address,Mobile Phone\r\n"
    static let jane = "Jane,Smith,jane.smith@yahoo.com,family@smiths.net,+1 415 555 0199\r\n"

    /// Imports Jane's row next to John in the CRM; answers the run directory's path relative to
    /// the sandbox's directory.
    func importConflict(_ sandbox: CLISandbox) async throws -> String {
        let john = try await sandbox.run([
            "contacts", "create", "--data",
            #"{"name": "John Smith", "email": [{"value": "john.smith@gmail.com"}, {"value": "family@smiths.net"}], "#
                + #""phone": [{"value": "+1 415 555 0101"}]}"#,
        ])
        #expect(john.status == 0, "\(john.all)")
        try (Self.header + Self.jane).write(
            to: sandbox.directory.appendingPathComponent("family.csv"), atomically: true, encoding: .utf8)
        let mapping = DedupeEvaluateCommandTests.path("mappings/outlook-contacts.yaml")
        let imported = try await sandbox.run(["import", "family.csv", "--mapping", mapping, "--yes"])
        #expect(imported.status == 65, "\(imported.all)")
        #expect(imported.stdout.contains("conflicts.yaml"), "the run says where to decide: \(imported.all)")
        let runs = try FileManager.default.contentsOfDirectory(
            atPath: sandbox.directory.appendingPathComponent(".crmkit/runs").path
        ).sorted()
        let run = try #require(runs.last { $0.hasPrefix("20") })
        return ".crmkit/runs/" + run
    }

    @Test func decisionsPostedToThePageAreSavedAndResumeAppliesThem() async throws {
        try await withCLISandbox { sandbox in
            let run = try await importConflict(sandbox)
            let file = sandbox.directory.appendingPathComponent(run + "/conflicts.yaml")
            let shown = try await CLI.run(
                ["runs", "show", String(run.split(separator: "/").last ?? "")], in: sandbox.directory)
            #expect(shown.stdout.contains("1 conflict(s) undecided"), "\(shown.all)")
            #expect(shown.stdout.contains("conflicts.yaml"), "\(shown.all)")
            let server = try await ReviewProcess.start(run, in: sandbox.directory)
            defer { server.stop() }
            let transport = CurlTransport()
            let base = "http://127.0.0.1:\(server.port)"
            #expect(try await transport.send(HTTPRequest(method: "GET", url: base + "/api/conflicts")).status == 401)
            let headers = [("X-Review-Token", server.token), ("Content-Type", "application/json"), ("Origin", base)]
            var foreign = headers
            foreign[2] = ("Origin", "http://attacker.example")
            for outside in ["/conflicts.yaml", "/plan.json", "/api/../plan.json", "/api/groups"] {
                let answer = try await transport.send(HTTPRequest(method: "GET", url: base + outside, headers: headers))
                #expect(answer.status == 404, "\(outside)")
            }

            let list = try await transport.send(
                HTTPRequest(method: "GET", url: base + "/api/conflicts", headers: headers))
            let page = try JSONDecoder().decode(ConflictReviewPage.self, from: list.body)
            let item = try #require(page.items.first)
            #expect(page.left == 1 && item.name == "Jane Smith" && item.line == 2)

            func post(_ body: String, _ headers: [(String, String)]) async throws -> HTTPResponse {
                try await transport.send(
                    HTTPRequest(method: "POST", url: base + "/api/decisions", headers: headers, body: Data(body.utf8)))
            }
            #expect(try await post(#"{"step": \#(item.step), "decision": "create"}"#, foreign).status == 403)
            #expect(try await post(#"{"step": \#(item.step), "decision": "merge"}"#, headers).status == 409)
            #expect(try await post(#"{"step": 9999, "decision": "create"}"#, headers).status == 404)
            #expect(try String(contentsOf: file, encoding: .utf8).contains("decision: undecided"))
            #expect(try await post(#"{"step": \#(item.step), "decision": "create"}"#, headers).status == 200)
            #expect(try String(contentsOf: file, encoding: .utf8).contains("decision: create"))

            let resumed = try await sandbox.run(["runs", "resume", String(run.split(separator: "/").last ?? "")])
            #expect(resumed.status == 0, "no conflict is left open: \(resumed.all)")
            let names = try await DedupeApplyCommandTests.contacts(sandbox).compactMap { $0["name"] as? String }
            #expect(names.sorted() == ["Jane Smith", "John Smith"])
        }
    }

    @Test func aBrokenConflictsFileStopsResumeWithItsLine() async throws {
        try await withCLISandbox { sandbox in
            let run = try await importConflict(sandbox)
            let file = sandbox.directory.appendingPathComponent(run + "/conflicts.yaml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("    decision:") }) + 1
            try text.replacingOccurrences(of: "decision: undecided", with: "decision: perhaps")
                .write(to: file, atomically: true, encoding: .utf8)
            let resumed = try await sandbox.run(["runs", "resume", String(run.split(separator: "/").last ?? "")])
            #expect(resumed.status == 64, "\(resumed.all)")
            #expect(resumed.stderr.contains("conflicts.yaml:\(line):"), "\(resumed.all)")
            #expect(resumed.stderr.contains("'perhaps' is not a decision"), "\(resumed.all)")
            let review = try await CLI.run(["review", run, "--no-open"], in: sandbox.directory)
            #expect(review.status == 64 && review.stderr.contains("conflicts.yaml:\(line):"), "\(review.all)")
            #expect(try await DedupeApplyCommandTests.contacts(sandbox).count == 1, "nothing was written")
        }
    }
}
