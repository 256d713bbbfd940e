import Foundation

/// Where a command connects, after flags, environment and profile are weighed.
public enum ResolvedConnection: Sendable, Equatable {
    /// A CRM at `baseURL` with these keys.
    case remote(baseURL: String, apiKey: String, secondaryAPIKey: String?)
    /// An embedded sandbox in this SQLite file, started in-process. `isDefault` when nothing named
    /// a CRM and the default `./.crmkit/sandbox.sqlite` is used.
    case sandbox(path: String, isDefault: Bool)
}

/// What the user gave on the command line (the environment and profile file fill the rest).
public struct ConnectionFlags: Sendable, Equatable {
    public var baseURL: String?
    public var apiKey: String?
    public var sandbox: String?
    public var profile: String?

    public init(baseURL: String? = nil, apiKey: String? = nil, sandbox: String? = nil, profile: String? = nil) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.sandbox = sandbox
        self.profile = profile
    }
}

/// Decides where to connect. Precedence, highest first: flags (`--sandbox`, `--base-url`,
/// `--api-key`), environment (`CRMKIT_SANDBOX`, `CRM_BASE_URL`, `CRM_API_KEY`,
/// `CRM_API_KEY_SECONDARY`), the profile (`--profile`, `CRMKIT_PROFILE`, else the file's
/// `default-profile`), and last the embedded sandbox in `./.crmkit/sandbox.sqlite`.
public struct ConnectionResolver: Sendable {
    public static let defaultSandboxPath = ".crmkit/sandbox.sqlite"

    public var flags: ConnectionFlags
    public var environment: [String: String]
    /// `nil`: the default location (`ProfileFile.defaultPath`).
    public var profileFilePath: String?

    public init(flags: ConnectionFlags, environment: [String: String], profileFilePath: String? = nil) {
        self.flags = flags
        self.environment = environment
        self.profileFilePath = profileFilePath
    }

    public func resolve() throws -> ResolvedConnection {
        if flags.sandbox != nil && flags.baseURL != nil {
            throw ConfigurationError("--sandbox and --base-url name two different CRMs; give one of them.")
        }
        if let path = flags.sandbox { return .sandbox(path: path, isDefault: false) }
        let profile = try selectedProfile()
        let baseURL = flags.baseURL ?? env("CRM_BASE_URL")
        if baseURL == nil, let path = env("CRMKIT_SANDBOX") { return .sandbox(path: path, isDefault: false) }
        let chosenURL = baseURL ?? profile?.baseURL
        guard let url = chosenURL else {
            if let path = profile?.sandbox { return .sandbox(path: path, isDefault: false) }
            return .sandbox(path: Self.defaultSandboxPath, isDefault: true)
        }
        guard let key = flags.apiKey ?? env("CRM_API_KEY") ?? profile?.apiKey else {
            throw ConfigurationError(
                "no API key for \(url): pass --api-key, set CRM_API_KEY, or add `api-key` to the profile.")
        }
        let secondary = env("CRM_API_KEY_SECONDARY") ?? profile?.apiKeySecondary
        return .remote(baseURL: url, apiKey: key, secondaryAPIKey: secondary)
    }

    /// The profile in use: the one named (which must exist), else the file's default, else none.
    private func selectedProfile() throws -> ProfileFile.Profile? {
        let named = flags.profile ?? env("CRMKIT_PROFILE")
        let path = profileFilePath ?? ProfileFile.defaultPath(environment: environment)
        guard let path else {
            if let named {
                throw ConfigurationError("--profile \(named): HOME is not set, so there is no config file.")
            }
            return nil
        }
        // Only read the file when it can matter: a profile was named, or nothing else names a CRM.
        let othersNameCRM = flags.baseURL != nil || env("CRM_BASE_URL") != nil || env("CRMKIT_SANDBOX") != nil
        if named == nil && othersNameCRM { return nil }
        guard let file = try ProfileFile.load(path: path) else {
            if let named {
                throw ConfigurationError(
                    "--profile \(named): \(path) does not exist; create it (mode 600) with a `profiles:` map.")
            }
            return nil
        }
        if let name = named ?? file.defaultProfile { return try file.profile(named: name) }
        return nil
    }

    private func env(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
