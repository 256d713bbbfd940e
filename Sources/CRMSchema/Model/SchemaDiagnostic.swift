/// A problem in a schema file, printed as compilers print them: `file:line:column: error: message`.
public struct SchemaDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public init(at location: SourceLocation, severity: Severity = .error, _ message: String) {
        self.init(file: location.file, line: location.line, column: location.column, severity: severity, message: message)
    }

    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
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
