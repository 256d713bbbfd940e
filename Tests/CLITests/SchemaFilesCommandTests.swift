import Foundation
import Testing

/// `crmkit schema pull|plan|apply|lint` through the binary: exit codes, saved plans, JSON,
/// confirmation, compiler-style lint output.
@Suite(.enabled(if: CLI.binary != nil, CLI.missingReason))
struct SchemaFilesCommandTests {
    /// `crmkit schema SUBCOMMAND --dir <sandbox dir>/crm-schema …` against the test's sandbox.
    func schema(_ sandbox: CLISandbox, _ subcommand: String, _ arguments: [String] = []) async throws -> CLI.Result {
        try await sandbox.run(["schema", subcommand, "--dir", schemaDir(sandbox)] + arguments)
    }

    func schemaDir(_ sandbox: CLISandbox) -> String { sandbox.directory.appendingPathComponent("crm-schema").path }

    func write(_ text: String, to relativePath: String, in sandbox: CLISandbox) throws {
        let file = sandbox.directory.appendingPathComponent("crm-schema/\(relativePath)")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    @Test func planExitCodesFollowDetailedExitcode() async throws {
        try await withCLISandbox { sandbox in
            #expect(try await schema(sandbox, "pull").status == 0)
            let clean = try await schema(sandbox, "plan", ["--detailed-exitcode"])
            #expect(clean.status == 0)
            #expect(clean.stdout == "No changes. The CRM matches the files.\n")

            try write("entity: leads\ntags:\n- {label: hot, color: '#f00'}\n", to: "tags/leads.yaml", in: sandbox)
            let planFile = sandbox.directory.appendingPathComponent("plan.json").path
            let changed = try await schema(sandbox, "plan", ["--detailed-exitcode", "--out", planFile])
            #expect(changed.status == 2)
            #expect(changed.stdout.contains("  + tag.leads[\"hot\"]\n"))
            #expect(!changed.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
            #expect(
                try await schema(sandbox, "plan").status == 0, "without --detailed-exitcode changes are not an error")

            let document = try await sandbox.json(["schema", "plan", "--dir", schemaDir(sandbox)])
            #expect((document["changes"] as? [Any])?.count == 1)

            let applied = try await schema(sandbox, "apply", [planFile])
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(try await schema(sandbox, "plan", ["--detailed-exitcode"]).status == 0)
        }
    }

    @Test func applyWithoutAPlanNeedsYesWhenThereIsNoTerminal() async throws {
        try await withCLISandbox { sandbox in
            #expect(try await schema(sandbox, "pull").status == 0)
            try write("entity: cases\ntags:\n- {label: billing}\n", to: "tags/cases.yaml", in: sandbox)
            let refused = try await schema(sandbox, "apply")
            #expect(refused.status == 64)
            #expect(refused.stderr.contains("--yes"))
            let applied = try await schema(sandbox, "apply", ["--yes"])
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(applied.stdout.contains("+ tag.cases[\"billing\"]: done"))
        }
    }

    @Test func lintPrintsCompilerStyleFindingsAndFails() async throws {
        try await withCLISandbox { sandbox in
            try write("entity: leads\ntags:\n- {label: hot, color: red}\n", to: "tags/leads.yaml", in: sandbox)
            let run = try await CLI.run(["schema", "lint", "--dir", schemaDir(sandbox)], in: sandbox.directory)
            #expect(run.status == 64, "schema files are configuration: an invalid one is a usage error")
            #expect(
                run.stdout
                    == "\(schemaDir(sandbox))/tags/leads.yaml:3:23: error: tag 'hot' colour "
                    + "'red' is not #rgb or #rrggbb hex; write it like '#1e88e5' (quoted)\n"
            )
            try write("entity: leads\ntags:\n- {label: hot, color: '#f00'}\n", to: "tags/leads.yaml", in: sandbox)
            #expect(
                try await CLI.run(["schema", "lint", "--dir", schemaDir(sandbox)], in: sandbox.directory).status == 0)
        }
    }
}
