/// A value given on the command line (such as `--data`) cannot be used; the message says how to fix it.
struct InputError: Error, CustomStringConvertible {
    var message: String
    /// `FILE:LINE:COLUMN` when the problem has a place, printed before `error:` as compilers do.
    var location: String?

    init(_ message: String) { self.message = message }

    static func located(_ location: String, _ message: String) -> InputError {
        var error = InputError(message)
        error.location = location
        return error
    }

    var description: String { location.map { "\($0): error: \(message)" } ?? "error: \(message)" }
}
