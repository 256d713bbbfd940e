import Foundation
import Yams

/// `~/.config/crmkit/config.yaml`: named connection profiles.
///
/// ```yaml
/// default-profile: prod
/// profiles:
///   prod:
///     base-url: https://crm.example.com
///     api-key: …
///     api-key-secondary: …
///   scratch:
///     sandbox: ~/crm/scratch.sqlite
/// ```
///
/// The file holds keys, so it is refused unless only its owner can read and write it.
public struct ProfileFile: Sendable {
    public struct Profile: Sendable, Hashable, Codable {
        public var baseURL: String?
        public var apiKey: String?
        public var apiKeySecondary: String?
        public var sandbox: String?

        enum CodingKeys: String, CodingKey {
            case baseURL = "base-url", apiKey = "api-key", apiKeySecondary = "api-key-secondary", sandbox
        }

        public init(
            baseURL: String? = nil, apiKey: String? = nil, apiKeySecondary: String? = nil, sandbox: String? = nil
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.apiKeySecondary = apiKeySecondary
            self.sandbox = sandbox
        }
    }

    private struct Document: Codable {
        var defaultProfile: String?
        var profiles: [String: Profile]?

        enum CodingKeys: String, CodingKey { case defaultProfile = "default-profile", profiles }
    }

    public var path: String
    public var defaultProfile: String?
    public var profiles: [String: Profile]

    /// The default location: `$XDG_CONFIG_HOME/crmkit/config.yaml`, else `~/.config/crmkit/config.yaml`.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/crmkit/config.yaml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/crmkit/config.yaml"
    }

    /// Reads the file; `nil` when it does not exist.
    public static func load(path: String) throws -> ProfileFile? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw ConfigurationError("\(path): cannot be read (\(String(cString: strerror(errno)))).")
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw ConfigurationError(
                "\(path): holds API keys but its mode is \(String(mode, radix: 8)), so other users can access it; "
                    + "run `chmod 600 \(path)` and try again.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): cannot be read; check its permissions.")
        }
        do {
            let document = try YAMLDecoder().decode(Document.self, from: data)
            return ProfileFile(path: path, defaultProfile: document.defaultProfile, profiles: document.profiles ?? [:])
        } catch {
            throw ConfigurationError(
                "\(path): not a valid profile file (\(error)). Expected `profiles: {NAME: {base-url, api-key, …}}`.")
        }
    }

    public func profile(named name: String) throws -> Profile {
        guard let profile = profiles[name] else {
            let known = profiles.keys.sorted().joined(separator: ", ")
            throw ConfigurationError(
                "\(path): no profile named '\(name)'" + (known.isEmpty ? "." : "; profiles: \(known)."))
        }
        return profile
    }
}
