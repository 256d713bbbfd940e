import CRMModel
import Foundation
import Testing

/// The one rendering of a diagnostic, and the producers that speak through it today: schema lint
/// (through the binary, text and `--json`) and the CLI's own errors (`--data`, confirmation,
/// unknown commands).
@Suite struct DiagnosticRenderingTests {
    @Test func everyPartIsPlacedTheSameWay() {
        #expect(
            Diagnostic(
                file: "a.yaml", line: 3, column: 7, field: "fields[0].required", "must be true or false",
                hint: "write true or false"
            ).description
                == "a.yaml:3:7: error: fields[0].required: must be true or false; write true or false")
        #expect(
            Diagnostic(.warning, file: "people.csv", line: 12, "expected 2 columns, found 3").description
                == "people.csv:12: warning: expected 2 columns, found 3")
        #expect(
            Diagnostic(file: "plan.json", "cannot read the plan").description
                == "plan.json: error: cannot read the plan")
        #expect(
            Diagnostic("no terminal to confirm on", hint: "re-run with --yes").description
                == "error: no terminal to confirm on; re-run with --yes")
        #expect(
            Diagnostic(file: "x", line: 0, column: 0, "unknown position").description == "x: error: unknown position")
    }

    @Test func jsonCarriesTheSameFacts() throws {
        let diagnostic = Diagnostic(
            file: "a.yaml", line: 3, column: 7, "unknown key 'requird' in a field",
            hint: "did you mean 'required'?")
        let data = try JSONEncoder().encode(diagnostic)
        #expect(try JSONDecoder().decode(Diagnostic.self, from: data) == diagnostic)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["severity", "file", "line", "column", "message", "hint"])
    }
}

/// Each producer's output, checked against the common pattern
/// `[FILE[:LINE[:COLUMN]]: ]SEVERITY: MESSAGE[; HINT]`.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct DiagnosticProducerTests {
    /// A function, not a stored regex: `Regex` is not Sendable.
    static func matchesCommonFormat(_ line: String) -> Bool {
        line.wholeMatch(of: #/(?:[^:\s][^:]*(?::\d+(?::\d+)?)?: )?(?:error|warning|note): [^\n]+/#) != nil
    }

    @Test func schemaLintAndCLIErrorsShareTheFormat() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-diag-\(UUID().uuidString)")
        let forms = directory.appendingPathComponent("crm-schema/forms")
        try FileManager.default.createDirectory(at: forms, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("form: contacts\nfields:\n- id: name\n  label: Name\n  type: text\n  requird: true\n".utf8)
            .write(to: forms.appendingPathComponent("contacts.yaml"))

        let lint = try await CLI.run(["schema", "lint", "--dir", "crm-schema"], in: directory)
        let lintLine = try #require(lint.stdout.split(separator: "\n").first.map(String.init))
        #expect(
            lintLine
                == "crm-schema/forms/contacts.yaml:6:3: error: unknown "
                + "key 'requird' in a field; did you mean 'required'?"
        )

        let json = try await CLI.run(["schema", "lint", "--dir", "crm-schema", "--json"], in: directory)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let first = try #require(findings.first)
        #expect(first["line"] as? Int == 6)
        #expect(first["column"] as? Int == 3)
        #expect(first["severity"] as? String == "error")
        #expect(first["hint"] as? String == "did you mean 'required'?")

        let badData = try await CLI.run(
            ["contacts", "create", "--data", "{\"a\" 1}", "--sandbox", "s.sqlite"], in: directory)
        let unknownCommand = try await CLI.run(["contcts"], in: directory)
        let noTerminal = try await CLI.run(
            ["bulk-delete", "contacts", "--ids", "1", "--sandbox", "s.sqlite"], in: directory)
        var lines = [lintLine]
        for result in [badData, unknownCommand, noTerminal] {
            let line = result.stderr.split(separator: "\n").last { !$0.hasPrefix("crmkit: using the embedded sandbox") }
            lines.append(String(line ?? ""))
        }
        #expect(lines[1].hasPrefix("--data:1:6: error: not valid JSON"))
        for line in lines {
            #expect(Self.matchesCommonFormat(line), "\(line)")
        }
    }
}
