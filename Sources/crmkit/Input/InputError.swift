import CRMModel

/// A value given on the command line (such as `--data`) cannot be used; the diagnostic says where
/// (when it has a place, such as a line of `--data @body.json`) and how to fix it.
struct InputError: Error, CustomStringConvertible {
    var diagnostic: Diagnostic

    init(_ message: String, hint: String? = nil) { diagnostic = Diagnostic(message, hint: hint) }

    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    var description: String { diagnostic.description }
}
