import ArgumentParser
import CRMClient
import CRMSchema
import Foundation

/// Connection flags for the schema commands until the shared `ConnectionOptions` of the client
/// branch is merged; same names and environment variables as cli.md.
struct SchemaConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The CRM API root (env CRM_BASE_URL).")
    var baseURL: String?

    @Option(name: .long, help: "The API key (env CRM_API_KEY).")
    var apiKey: String?

    @Flag(name: .long, help: "Machine output: one JSON document on stdout.")
    var json = false

    func remote() async throws -> ClientSchemaRemote {
        let environment = ProcessInfo.processInfo.environment
        guard let base = baseURL ?? environment["CRM_BASE_URL"] else {
            throw ValidationError("no CRM given: pass --base-url or set CRM_BASE_URL")
        }
        return ClientSchemaRemote(requester: APIRequester(baseURL: base, apiKey: apiKey ?? environment["CRM_API_KEY"]))
    }
}
