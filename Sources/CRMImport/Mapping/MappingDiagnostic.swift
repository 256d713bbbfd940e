import CRMModel

/// A place in a mapping file: 1-based line and column, as editors count them.
public struct MappingLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem in the mapping file itself (unknown transform, unknown target field, bad regex, a
/// template naming a column the source does not have, …). It is printed, and encoded by `--json`,
/// as the one `Diagnostic` every producer speaks through.
public struct MappingDiagnostic: Error, Sendable, Hashable, Encodable, DiagnosticConvertible {
    public var location: MappingLocation
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// `.note` for what is worth knowing but changes nothing (an optional column absent).
    public var severity: Diagnostic.Severity

    public init(location: MappingLocation, message: String, hint: String? = nil, severity: Diagnostic.Severity = .error)
    {
        self.location = location
        self.message = message
        self.hint = hint
        self.severity = severity
    }

    public var diagnostic: Diagnostic {
        Diagnostic(
            severity, file: location.file, line: location.line, column: location.column, message, hint: hint)
    }

    public func encode(to encoder: any Encoder) throws { try diagnostic.encode(to: encoder) }
}

/// Thrown when a mapping file cannot be used; carries every problem found, not only the first.
public struct MappingError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [MappingDiagnostic]

    public init(_ diagnostics: [MappingDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
