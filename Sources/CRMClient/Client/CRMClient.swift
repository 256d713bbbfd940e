import CRMModel
import Foundation

/// The typed client of the CRM API: one `async throws` method per operation, grouped by resource.
///
/// ```swift
/// let client = try CRMClient(baseURL: "https://crm.example.com", apiKey: key)
/// let jane = try await client.contacts.create(Contact(name: "Jane Doe"))
/// for try await lead in client.leads.list(LeadFilter(isArchived: false)) { … }
/// ```
///
/// Requests go through libcurl (keep-alive, at most `ClientOptions.transport.maxConcurrentRequests`
/// in flight), are retried when that is safe, and fail with `CRMError`.
public struct CRMClient: Sendable {
    let core: ClientCore

    /// - Parameters:
    ///   - baseURL: the API root, e.g. `https://crm.example.com` (paths such as `/directory/contacts`
    ///     are appended).
    ///   - apiKey: sent as `Ocp-Apim-Subscription-Key`.
    ///   - secondaryAPIKey: used from the first 401 on.
    ///   - transport: a replacement for the libcurl transport (tests).
    public init(
        baseURL: String, apiKey: String?, secondaryAPIKey: String? = nil, options: ClientOptions = .init(),
        transport: (any HTTPTransport)? = nil
    ) throws {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw CRMError.invalidArgument(
                "'\(baseURL)' is not an http(s) URL; give the CRM API root, e.g. --base-url https://crm.example.com")
        }
        core = ClientCore(
            baseURL: baseURL, keys: APIKeys(primary: apiKey, secondary: secondaryAPIKey),
            transport: transport ?? CurlTransport(options: options.transport), options: options)
    }

    public var baseURL: String { core.requester.baseURL }

    public var leads: Records<Lead> { Records(core: core) }
    public var opportunities: Records<Opportunity> { Records(core: core) }
    public var contacts: Records<Contact> { Records(core: core) }
    public var organizations: Records<Organization> { Records(core: core) }
    public var cases: Records<Case> { Records(core: core) }

    /// The records of any listable type, for code generic over entities.
    public func records<Record: ListableRecord>(_ type: Record.Type) -> Records<Record> { Records(core: core) }

    public func tags(for kind: EntityKind) -> Tags { Tags(core: core, kind: kind) }
    public var forms: Forms { Forms(core: core) }
    public var pipelines: Pipelines { Pipelines(core: core) }
    public var caseTypes: CaseTypes { CaseTypes(core: core) }
    public var bulk: BulkActions { BulkActions(core: core) }

    /// Deletes many records of one kind in one request.
    public func bulkDelete(_ kind: EntityKind, ids: [String]) async throws -> BulkActionResult {
        try await bulk.delete(kind, ids: ids)
    }

    /// Sends a request by hand through the same retries, key handling and errors, for paths the
    /// typed API does not cover; answers the 2xx response.
    public func send(_ method: APIOperation.Method, _ path: String, query: [(String, String)] = [], body: Data? = nil)
        async throws -> HTTPResponse
    {
        try await core.send(try Endpoint(method, path), query: query, body: body)
    }
}
