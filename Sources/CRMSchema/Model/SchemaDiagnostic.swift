import CRMModel

/// A problem in a schema file, printed as compilers print them: `file:line:column: error: message`
/// (through `Diagnostic`, the rendering every crmkit diagnostic shares).
public struct SchemaDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String
    /// What to do about it, when the message alone does not say (`did you mean 'required'?`).
    public var hint: String?

    public init(
        file: String, line: Int, column: Int, severity: Severity = .error, message: String, hint: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    public init(at location: SourceLocation, severity: Severity = .error, _ message: String, hint: String? = nil) {
        self.init(
            file: location.file, line: location.line, column: location.column, severity: severity, message: message,
            hint: hint)
    }

    /// The common form, for printing and for `--json`.
    public var diagnostic: Diagnostic {
        Diagnostic(severity == .error ? .error : .warning, file: file, line: line, column: column, message, hint: hint)
    }

    public var description: String { diagnostic.description }
}

/// Where something was written in a schema file.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }
}
