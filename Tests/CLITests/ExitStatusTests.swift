import Foundation
import Testing

/// The exit status table (docs/guide.md): one case per command family, each checking the status
/// and that stderr says what went wrong.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct ExitStatusTests {
    struct Case: CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var stderr: String
        var connects = true
        var description: String { arguments.joined(separator: " ") }
    }

    func write(_ text: String, _ name: String, in directory: URL) throws {
        let file = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    @Test func everyCommandFamilyExitsAsTheTableSays() async throws {
        try await withCLISandbox { sandbox in
            let directory = sandbox.directory
            try write("name,email\nJane,jane@example.com\nJoe,joe@example.com,extra\n", "people.csv", in: directory)
            try write("source: {format: csv}\nentity: contact\nfieldz: {}\n", "bad-mapping.yaml", in: directory)
            try write(
                "form: contacts\nfields:\n- id: name\n  label: Name\n  type: text\n  requird: true\n",
                "crm-schema/forms/contacts.yaml", in: directory)
            let cases: [Case] = [
                // argument parsing
                Case(
                    arguments: ["contacts", "list", "--size", "0"], status: 64,
                    stderr: "--size must be between 1 and 1000"),
                Case(arguments: ["contcts", "list"], status: 64, stderr: "did you mean 'contacts'?", connects: false),
                Case(
                    arguments: ["contacts", "list", "--sze", "3"], status: 64,
                    stderr: "error: Unknown option '--sze'. Did you mean '--size'?", connects: false),
                // resources
                Case(arguments: ["contacts", "get", "999"], status: 1, stderr: "HTTP 404 not_found"),
                Case(
                    arguments: ["contacts", "create", "--data", "{\"name\": \"A\",\n  \"email\": }"], status: 64,
                    stderr: "--data:2:12: error: not valid JSON"),
                Case(arguments: ["tags", "delete", "cases", "1"], status: 64, stderr: "no terminal to confirm on"),
                // connection configuration
                Case(
                    arguments: ["contacts", "list", "--profile", "nope"], status: 64, stderr: "--profile nope",
                    connects: false),
                // schema files are configuration
                // Findings on stdout.
                Case(arguments: ["schema", "lint", "--dir", "crm-schema"], status: 64, stderr: "", connects: false),
                Case(
                    arguments: ["schema", "plan", "--dir", "crm-schema"], status: 64, stderr: "unknown key 'requird'"),
                // import: the mapping is configuration, rejected rows are data
                Case(
                    arguments: ["validate", "people.csv", "--mapping", "bad-mapping.yaml"], status: 64,
                    stderr: "bad-mapping.yaml"),
                Case(arguments: ["runs", "show", "no-such-run"], status: 64, stderr: "no-such-run", connects: false),
                Case(
                    arguments: ["read", "people.csv", "--ragged", "strict"], status: 65, stderr: "people.csv:3",
                    connects: false),
                Case(arguments: ["read", "missing.csv"], status: 1, stderr: "missing.csv", connects: false),
                // dedupe
                Case(
                    arguments: [
                        "dedupe", "evaluate", "people.csv", "--mapping", "bad-mapping.yaml", "--truth", "t.csv",
                    ],
                    status: 64, stderr: "bad-mapping.yaml", connects: false),
                Case(arguments: ["dedupe", "apply", "missing-merges.yaml"], status: 64, stderr: "missing-merges.yaml"),
            ]
            for item in cases {
                let result =
                    item.connects
                    ? try await sandbox.run(item.arguments)
                    : try await CLI.run(item.arguments, in: directory)
                #expect(result.status == item.status, "\(item): \(result.stderr)")
                #expect(item.stderr.isEmpty || result.stderr.contains(item.stderr), "\(item): \(result.stderr)")
                #expect(!result.stderr.contains("Fatal error"), "\(item)")
            }
        }
    }

    @Test func helpShowsTheTable() async throws {
        let directory = FileManager.default.temporaryDirectory
        let help = try await CLI.run(["--help"], in: directory)
        #expect(help.status == 0)
        for line in [
            "  0   success", "  1   failure", "  2   changes present", "  64  usage or configuration error",
            "  65  some input records",
        ] {
            #expect(help.stdout.contains(line), "\(line)")
        }
    }
}
