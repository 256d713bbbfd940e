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
/// template naming a column the source does not have, …), printed as compilers do.
public struct MappingDiagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var location: MappingLocation
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(location: MappingLocation, message: String, hint: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message (hint)`.
    public var description: String {
        "\(location): error: \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}

/// Thrown when a mapping file cannot be used; carries every problem found, not only the first.
public struct MappingError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [MappingDiagnostic]

    public init(_ diagnostics: [MappingDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
