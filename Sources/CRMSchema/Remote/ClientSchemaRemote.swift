import CRMClient
import CRMModel
import Foundation

/// `SchemaRemote` over HTTP, through the client module's `APIRequester` (raw JSON requests with
/// CRMModel types and the envelopes of api-notes #2, #3 and #14).
public struct ClientSchemaRemote: SchemaRemote {
    public var requester: APIRequester
    /// Records per page when scanning for the data-aware warnings (the sandbox's maximum).
    public var scanPageSize: Int

    public init(requester: APIRequester, scanPageSize: Int = 1000) {
        self.requester = requester
        self.scanPageSize = scanPageSize
    }

    /// The tenant id the CRM stamps on its objects (one per instance, api-notes #23); the base
    /// URL when no object carries one yet.
    public func instanceIdentity() async throws -> String {
        for caseType in try await caseTypes() {
            if let tenant = caseType.tenantId, !tenant.isEmpty { return "tenant:\(tenant)" }
        }
        for entity in EntityKind.tagEntities {
            for tag in try await tags(of: entity) {
                if let tenant = tag.tenantId, !tenant.isEmpty { return "tenant:\(tenant)" }
            }
        }
        return requester.baseURL
    }

    public func form(_ form: SchemaForm) async throws -> [FormField] {
        try Self.formFields(try await request("GET", form.path))
    }

    public func putForm(_ form: SchemaForm, fields: [FormField]) async throws -> [FormField] {
        try Self.formFields(try await request("PUT", form.path, body: FormUpdate(formFields: fields)))
    }

    public func tags(of entity: EntityKind) async throws -> [TagOption] {
        try decode(ListEnvelope<TagOption>.self, try await request("GET", entity.tagsPath)).items
    }

    public func createTag(_ tag: TagOption, for entity: EntityKind) async throws -> TagOption {
        try decode(ItemEnvelope<TagOption>.self, try await request("POST", entity.tagsPath, body: tag)).item
    }

    public func updateTag(id: TagID, _ tag: TagOption, for entity: EntityKind) async throws -> TagOption {
        try decode(ItemEnvelope<TagOption>.self, try await request("PATCH", "\(entity.tagsPath)/\(id)", body: tag)).item
    }

    public func deleteTag(id: TagID, for entity: EntityKind) async throws {
        _ = try await request("DELETE", "\(entity.tagsPath)/\(id)")
    }

    static let caseTypesPath = "/cases/types/cases"

    public func caseTypes() async throws -> [CaseType] {
        try decode(ListEnvelope<CaseType>.self, try await request("GET", Self.caseTypesPath)).items
    }

    public func createCaseType(_ caseType: CaseType) async throws -> CaseType {
        try decode(ItemEnvelope<CaseType>.self, try await request("POST", Self.caseTypesPath, body: caseType)).item
    }

    public func updateCaseType(id: CaseTypeID, _ caseType: CaseType) async throws -> CaseType {
        try decode(ItemEnvelope<CaseType>.self, try await request("PATCH", "\(Self.caseTypesPath)/\(id)", body: caseType)).item
    }

    public func deleteCaseType(id: CaseTypeID) async throws {
        _ = try await request("DELETE", "\(Self.caseTypesPath)/\(id)")
    }

    public func scanRecords(of entity: EntityKind, _ visit: (JSONObject) -> Void) async throws {
        var page = 1
        while true {
            let query = [("page", String(page)), ("size", String(scanPageSize))]
            let envelope = try decode(ListEnvelope<JSONObject>.self, try await request("GET", entity.collectionPath, query: query))
            envelope.items.forEach(visit)
            let seen = (page - 1) * scanPageSize + envelope.items.count
            if envelope.items.count < scanPageSize || envelope.total.map({ seen >= $0 }) == true { return }
            page += 1
        }
    }

    /// Forms answer `{"items": [Field]}`; `{"item": {"fields": [...]}}` is accepted too (api-notes #14).
    static func formFields(_ data: Data) throws -> [FormField] {
        if let list = try? JSONDecoder().decode(ListEnvelope<FormField>.self, from: data) { return list.items }
        let wrapped = try JSONDecoder().decode(ItemEnvelope<FormUpdate>.self, from: data)
        return wrapped.item.formFields ?? []
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ data: Data) throws -> Value {
        try JSONDecoder().decode(type, from: data)
    }

    private func request(_ method: String, _ path: String, query: [(String, String)] = []) async throws -> Data {
        try check(method, path, try await requester.send(method, path, query: query))
    }

    private func request<Body: Encodable>(_ method: String, _ path: String, body: Body) async throws -> Data {
        try check(method, path, try await requester.send(method, path, json: body))
    }

    private func check(_ method: String, _ path: String, _ response: HTTPResponse) throws -> Data {
        guard (200..<300).contains(response.status) else {
            throw RemoteRequestError(
                method: method, path: path, status: response.status,
                body: try? JSONDecoder().decode(APIErrorBody.self, from: response.body))
        }
        return response.body
    }
}

/// An HTTP error answer, with the API's error code and details when it sent them.
public struct RemoteRequestError: Error, Sendable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var status: Int
    public var body: APIErrorBody?

    public var description: String {
        var text = "\(method) \(path) answered \(status)"
        if let body {
            text += " \(body.code): \(body.message)"
            let details = (body.details ?? []).map { "\($0.field): \($0.reason)" }
            if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        }
        return text
    }
}
