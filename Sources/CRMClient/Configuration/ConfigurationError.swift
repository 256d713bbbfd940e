/// A connection cannot be set up from the flags, environment and config file given. The message
/// names the setting to fix.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
