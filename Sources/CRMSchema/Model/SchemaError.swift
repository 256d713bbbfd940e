/// Errors of the schema commands. Each says what to do next.
public enum SchemaError: Error, Sendable, CustomStringConvertible {
    case unreadableState(path: String, reason: String)
    case invalidFiles([SchemaDiagnostic])
    case unreadablePlan(path: String, reason: String)
    case planForOtherInstance(planned: String, live: String)
    case stalePlan([ObjectAddress])
    case destroyNotAllowed([String])
    case conflicts([Conflict])
    case remoteFailed(step: String, reason: String)
    case noSchemaFiles(directory: String)

    public var description: String {
        switch self {
        case .unreadableState(let path, let reason):
            return
                "\(path): error: cannot read the state file (\(reason)); restore "
                + "it from a backup or delete it and run `crmkit schema pull`"
        case .invalidFiles(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
                + "\nerror: the schema files have errors; fix them (see `crmkit schema lint`)"
        case .unreadablePlan(let path, let reason):
            return
                "\(path): error: cannot read the saved plan (\(reason)); make a new one with `crmkit schema plan --out`"
        case .planForOtherInstance(let planned, let live):
            return "error: the plan was made against instance \(planned), not \(live); make a new plan for this CRM"
        case .stalePlan(let addresses):
            return "error: the saved plan is stale: the live state of "
                + addresses.map(\.description).joined(separator: ", ")
                + " changed since it was made; run `crmkit schema plan --out` again and review it"
        case .destroyNotAllowed(let subjects):
            return "error: the plan deletes " + subjects.joined(separator: ", ")
                + "; review the warnings and re-run with --allow-destroy to delete them"
        case .conflicts(let conflicts):
            return "error: the CRM changed outside crmkit since the last pull or apply: "
                + conflicts.map { "\($0.address) (\($0.reason))" }.joined(separator: ", ")
                + "; run `crmkit schema pull` to take the live version, or "
                + "re-run with --overwrite-drift to replace it with the files"
        case .noSchemaFiles(let directory):
            return "error: \(directory) holds no schema files; run `crmkit schema pull --dir \(directory)` first"
        case .remoteFailed(let step, let reason):
            return
                "error: \(step) failed: \(reason); the state records every step "
                + "done so far, run `crmkit schema plan` to see what is left"
        }
    }
}
