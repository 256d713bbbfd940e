/// A value given on the command line (such as `--data`) cannot be used; the message says how to fix it.
struct InputError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
