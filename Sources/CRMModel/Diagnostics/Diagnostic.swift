/// One problem found in something the user gave crmkit — a file, a flag, a record — in the one
/// shape every producer can report it in, and the one way it is printed:
///
///     FILE:LINE:COLUMN: SEVERITY: FIELD: MESSAGE; HINT
///
/// as compilers print (editors and CI annotate the line from it). Parts that are unknown are left
/// out with their separator: no column gives `FILE:LINE: …`, no file gives `error: …`. `--json`
/// output encodes the same value, so people and scripts read the same facts.
///
/// The message says what is wrong; the hint says what to do about it (`did you mean 'required'?`,
/// `re-run with --yes`). Schema lint and the CLI's own errors speak through it; readers, mapping
/// and validation can adopt it by mapping their diagnostics onto it.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning, note }

    public var severity: Severity
    public var file: String?
    /// 1-based; nil when the problem is not on a line (a flag, a whole file).
    public var line: Int?
    /// 1-based, in characters; nil when only the line is known.
    public var column: Int?
    /// The field or key concerned (`email[0].value`), when there is one.
    public var field: String?
    public var message: String
    public var hint: String?

    /// An error.
    public init(
        file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String,
        hint: String? = nil
    ) {
        self.init(.error, file: file, line: line, column: column, field: field, message, hint: hint)
    }

    public init(
        _ severity: Severity, file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil,
        _ message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
    }

    /// `FILE:LINE:COLUMN`, as much of it as is known; empty without a file.
    public var location: String {
        guard let file else { return "" }
        var text = file
        if let line, line > 0 {
            text += ":\(line)"
            if let column, column > 0 { text += ":\(column)" }
        }
        return text
    }

    /// The one rendering.
    public var description: String {
        var text = location.isEmpty ? "" : location + ": "
        text += severity.rawValue + ": "
        if let field, !field.isEmpty { text += field + ": " }
        text += message
        if let hint, !hint.isEmpty { text += "; " + hint }
        return text
    }
}

/// An error or issue that reports itself as one `Diagnostic`, so the CLI prints every producer's
/// problems in the one format (and `--json` encodes the same value) without knowing its type.
public protocol DiagnosticConvertible: CustomStringConvertible {
    var diagnostic: Diagnostic { get }
}

extension DiagnosticConvertible {
    public var description: String { diagnostic.description }
}
