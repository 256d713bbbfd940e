import CRMModel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Everything a handler needs: the database and the cached schema.
struct SandboxServices: Sendable {
    let database: SandboxDatabase
    let catalog: SchemaCatalog
}

typealias OperationHandler = @Sendable (APIRequest, SandboxServices) async throws -> APIResponse

/// The sandbox's HTTP responder. Per request, in the order api-notes fixes: latency,
/// authentication (401), rate limit (429), body size (413), injected fault (503), then the
/// operation. Every error, thrown anywhere below, is rendered here as one JSON error body.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// Bodies over 4 MiB are refused (api-notes #10).
    static let maxBodySize = 4 * 1024 * 1024
    /// Always a valid header name; optional only because the initialiser validates its input.
    static let keyHeader = HTTPField.Name("Ocp-Apim-Subscription-Key")

    let router = OperationRouter()
    let handlers: [String: OperationHandler]
    let services: SandboxServices
    let keys: APIKeyRing
    let faults: FaultInjector
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        await faults.delay()
        var request = request
        do {
            guard let keyHeader = Self.keyHeader, keys.accepts(request.headers[keyHeader]) else {
                throw SandboxError.unauthorized()
            }
            try faults.checkRateLimit()
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: Self.maxBodySize)
            } catch {
                throw SandboxError(
                    status: 413, code: APIErrorCode.payloadTooLarge,
                    message:
                        "The body is larger than \(Self.maxBodySize / 1024 / 1024) MiB; send fewer records per request."
                )
            }
            try faults.checkInjectedFailure()
            let response = try await perform(request, body: body)
            if faults.shouldDropAfterWork() { return Self.droppedConnection() }
            return render(response)
        } catch let error as SandboxError {
            return render(error)
        } catch {
            logger.error("unexpected error: \(String(describing: error))")
            return render(
                SandboxError(
                    status: 500, code: APIErrorCode.internalError,
                    message:
                        "The sandbox failed unexpectedly (\(type(of: error))); "
                        + "this is a bug, please report it with the request."
                ))
        }
    }

    private func perform(_ request: Request, body: ByteBuffer) async throws -> APIResponse {
        switch router.match(method: request.method.rawValue, path: request.uri.path) {
        case .notFound:
            throw SandboxError(
                status: 404, code: APIErrorCode.notFound,
                message: "No operation at \(request.uri.path); see docs/openapi.yaml for the paths.")
        case .methodNotAllowed(let allowed):
            throw SandboxError(
                status: 405, code: APIErrorCode.methodNotAllowed,
                message:
                    "\(request.method.rawValue) is not allowed on \(request.uri.path); "
                    + "use \(allowed.joined(separator: ", ")).",
                headers: [("Allow", allowed.joined(separator: ", "))])
        case .operation(let operation, let id):
            guard let handler = handlers[operation.id] else {
                throw SandboxError(
                    status: 501, code: APIErrorCode.internalError,
                    message: "\(operation) is not implemented by the sandbox yet.")
            }
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            let apiRequest = APIRequest(
                operation: operation, pathId: id, query: QueryParameters(values: query),
                body: Data(buffer: body, byteTransferStrategy: .noCopy))
            return try await handler(apiRequest, services)
        }
    }

    private func render(_ response: APIResponse) -> Response {
        guard let json = response.json else { return Response(status: .init(code: response.status)) }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: .init(code: response.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    private func render(_ error: SandboxError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        for (name, value) in error.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        var body: JSONObject = ["code": .string(error.code), "message": .string(error.message)]
        if !error.details.isEmpty {
            body["details"] = .array(
                error.details.map { .object(["field": .string($0.field), "reason": .string($0.reason)]) })
        }
        let json = JSONText.serialize(body)
        return Response(
            status: .init(code: error.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    /// A response that promises a body and then fails while writing it: the server closes the
    /// connection, and the client sees a transfer error after the work was done.
    private static func droppedConnection() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: 1024) { _ in throw DroppedConnection() })
    }

    private struct DroppedConnection: Error {}
}
