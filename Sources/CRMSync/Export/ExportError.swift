import CRMModel

/// Why an export could not be done, each with what to do about it.
public enum ExportError: Error, Sendable, DiagnosticConvertible {
    case badFilter(String)
    case formatCannotHold(format: ExportFormat, entity: String)
    /// The CRM stopped answering; the export so far is kept and the same command continues it.
    case interrupted(written: Int, statePath: String, reason: String)
    case io(path: String, reason: String)
    case corruptSpool(path: String, line: Int, reason: String)
    case mapping(path: String, reason: String)

    public var diagnostic: Diagnostic {
        switch self {
        case .badFilter(let message): return Diagnostic(message)
        case .formatCannotHold(let format, let entity):
            return Diagnostic(
                "--format \(format.rawValue) cannot hold \(entity)",
                hint: "vCards hold contacts only: use csv, xml or jsonl for \(entity)")
        case .interrupted(let written, let statePath, let reason):
            return Diagnostic(
                "the export stopped after \(written) records (\(reason))",
                hint: "run the same command again to continue from there (progress kept in \(statePath))")
        case .io(let path, let reason): return Diagnostic(file: path, reason)
        case .corruptSpool(let path, let line, let reason):
            return Diagnostic(
                file: path, line: line, "the partial export is damaged (\(reason))", hint: "delete it and export again")
        case .mapping(let path, let reason): return Diagnostic(file: path, reason)
        }
    }
}
