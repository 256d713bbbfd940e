import ArgumentParser
import CRMClient

/// The options every command that talks to a CRM accepts (cli.md "Connecting").
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: ArgumentHelp("The CRM API root (env CRM_BASE_URL).", valueName: "URL"))
    var baseURL: String?

    @Option(
        name: .customLong("api-key"),
        help: ArgumentHelp("The primary API key (env CRM_API_KEY; secondary: CRM_API_KEY_SECONDARY).", valueName: "KEY")
    )
    var apiKey: String?

    @Option(help: ArgumentHelp("Use an embedded sandbox in this SQLite file (env CRMKIT_SANDBOX).", valueName: "PATH"))
    var sandbox: String?

    @Option(help: ArgumentHelp("A profile of ~/.config/crmkit/config.yaml (env CRMKIT_PROFILE).", valueName: "NAME"))
    var profile: String?

    @Flag(help: "Machine output: one JSON document, or NDJSON for streams (--all).")
    var json = false

    @Flag(help: "One line per HTTP request on stderr (method, path, status, ms); the key is never shown.")
    var verbose = false

    var flags: ConnectionFlags {
        ConnectionFlags(baseURL: baseURL, apiKey: apiKey, sandbox: sandbox, profile: profile)
    }
}
