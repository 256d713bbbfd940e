import CRMModel
import Foundation
import Logging

/// The shared engine under every resource: sends a request with the active key, retries it when
/// that is safe (`RetryClassifier`), fails over to the secondary key on 401, reports each
/// exchange, and turns error answers into `CRMError`.
final class ClientCore: Sendable {
    let requester: APIRequester
    let keys: APIKeys
    let options: ClientOptions

    init(baseURL: String, keys: APIKeys, transport: any HTTPTransport, options: ClientOptions) {
        self.requester = APIRequester(baseURL: baseURL, apiKey: nil, transport: transport)
        self.keys = keys
        self.options = options
    }

    /// Sends until a 2xx answer, which it returns; throws `CRMError` otherwise.
    func send(_ endpoint: Endpoint, query: [(String, String)] = [], body: Data? = nil) async throws -> HTTPResponse {
        let policy = options.retry
        var attempt = 0
        while true {
            attempt += 1
            let (slot, key) = keys.active()
            let headers = key.map { [(name: APIRequester.keyHeader, value: $0)] } ?? []
            let started = options.onRequest == nil ? nil : ContinuousClock.now
            let outcome: Result<HTTPResponse, TransportError>
            do {
                outcome = .success(
                    try await requester.send(
                        endpoint.method.rawValue, endpoint.path, query: query, body: body, headers: headers))
            } catch let error as TransportError {
                if error.isCancellation || Task.isCancelled { throw CancellationError() }
                outcome = .failure(error)
            }
            report(endpoint, outcome, attempt: attempt, since: started)

            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                return response
            case .success(let response):
                if response.status == 401 {
                    let failover = keys.failOver(from: slot)
                    if failover.switched { announceFailover() }
                    if failover.canRetry { continue }
                }
                let retryAfter = RetryAfter.parse(response.header("retry-after"))
                switch RetryClassifier.verdict(for: .status(response.status), idempotent: endpoint.isIdempotent) {
                case .final:
                    throw failure(endpoint, response, attempts: attempt)
                case .outcomeUnknown:
                    throw CRMError.outcomeUnknown(
                        endpoint.request, reason: "HTTP \(response.status) after the request was sent")
                case .retry:
                    if attempt >= policy.maxAttempts || (retryAfter.map { $0 > policy.maxRetryAfter } ?? false) {
                        throw failure(endpoint, response, attempts: attempt)
                    }
                    let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
                    options.logger.debug("retrying \(endpoint.request) after HTTP \(response.status) in \(delay)")
                    try await policy.sleep(delay)
                }
            case .failure(let error):
                let verdict = RetryClassifier.verdict(
                    for: .transportFailure(requestMayHaveBeenSent: error.requestMayHaveBeenSent),
                    idempotent: endpoint.isIdempotent)
                switch verdict {
                case .outcomeUnknown:
                    throw CRMError.outcomeUnknown(endpoint.request, reason: error.message)
                case .final, .retry:
                    if verdict == .final || attempt >= policy.maxAttempts {
                        throw CRMError.transport(endpoint.request, reason: error.message, attempts: attempt)
                    }
                    let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)
                    options.logger.debug("retrying \(endpoint.request) after \(error.message) in \(delay)")
                    try await policy.sleep(delay)
                }
            }
        }
    }

    private func report(
        _ endpoint: Endpoint, _ outcome: Result<HTTPResponse, TransportError>, attempt: Int,
        since started: ContinuousClock.Instant?
    ) {
        guard let onRequest = options.onRequest, let started else { return }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var event = RequestEvent(
            method: endpoint.method.rawValue, path: endpoint.path, status: nil, milliseconds: milliseconds,
            attempt: attempt, failure: nil)
        switch outcome {
        case .success(let response): event.status = response.status
        case .failure(let error): event.failure = error.message
        }
        onRequest(event)
    }

    private func announceFailover() {
        options.logger.warning("the primary API key was refused (401); using the secondary key from now on")
        options.onKeyFailover?()
    }

    private func failure(_ endpoint: Endpoint, _ response: HTTPResponse, attempts: Int) -> CRMError {
        let body = try? JSONDecoder().decode(APIErrorBody.self, from: response.body)
        let retryAfter = RetryAfter.parse(response.header("retry-after")).map {
            Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18
        }
        return .api(
            APIFailure(
                request: endpoint.request, status: response.status, body: body, retryAfterSeconds: retryAfter,
                attempts: attempts, foreignBody: body == nil ? Self.foreignBody(response) : nil))
    }

    /// Names a non-empty body that is not JSON, by its content type ("an HTML page (text/html)");
    /// nil for an empty body or any JSON (an API error in another shape is still the API).
    static func foreignBody(_ response: HTTPResponse) -> String? {
        guard !response.body.isEmpty, (try? JSONParser.parse([UInt8](response.body))) == nil else { return nil }
        let contentType = response.header("content-type")?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let looksLikeHTML =
            contentType == "text/html"
            || response.body.prefix(512).range(of: Data("<html".utf8)) != nil
            || response.body.prefix(512).range(of: Data("<!DOCTYPE".utf8)) != nil
        let kind = looksLikeHTML ? "an HTML page" : "a body that is not JSON"
        return contentType.map { "\(kind) (\($0))" } ?? kind
    }
}

// MARK: - JSON in and out

/// Answers are parsed with `JSONParser` straight into `JSONValue` and the models are built from
/// it (they are JSON-backed), which costs a fraction of `JSONDecoder`'s per-value type probing.
/// The reference's envelope variants are accepted as `ItemEnvelope`/`ListEnvelope` describe.
extension ClientCore {
    /// Records are JSON already: written by hand, without `JSONEncoder`'s per-value probing.
    func encode<Body: JSONObjectModel>(_ body: Body) throws -> Data {
        Data(JSONWriter.text(.object(body.fields)).utf8)
    }

    func encode<Body: Encodable>(_ body: Body) throws -> Data {
        do {
            return try JSONEncoder().encode(body)
        } catch {
            throw CRMError.invalidArgument("the request body cannot be encoded as JSON: \(error)")
        }
    }

    /// Sends and reads `{"item": X}` (or `items` holding X or [X], or `tems`).
    func item<Value: JSONConvertible>(
        _ type: Value.Type, _ endpoint: Endpoint, query: [(String, String)] = [], body: Data? = nil
    ) async throws -> Value {
        let response = try await send(endpoint, query: query, body: body)
        return try decodeItem(type, from: response, for: endpoint)
    }

    /// Sends and reads `{"items": [X], "page", "size", "total"}` (or `tems`).
    func list<Value: JSONObjectModel>(
        _ type: Value.Type, _ endpoint: Endpoint, query: [(String, String)] = []
    ) async throws -> ListEnvelope<Value> {
        let response = try await send(endpoint, query: query)
        return try decodeList(type, from: response, for: endpoint)
    }

    /// Sends a request whose answer has no body worth reading (DELETE → 204).
    func perform(_ endpoint: Endpoint, body: Data? = nil) async throws {
        _ = try await send(endpoint, body: body)
    }

    func decodeItem<Value: JSONConvertible>(_ type: Value.Type, from response: HTTPResponse, for endpoint: Endpoint)
        throws
        -> Value
    {
        let object = try parseObject(response, for: endpoint)
        for key in ["item", "items", "tems"] {
            guard let raw = object[key] else { continue }
            if let value = Value(json: raw) { return value }
            if case .array(let elements) = raw, elements.count == 1, let value = Value(json: elements[0]) {
                return value
            }
        }
        throw unexpected(endpoint, response, "expected {\"item\": {…}}")
    }

    func decodeList<Value: JSONObjectModel>(_ type: Value.Type, from response: HTTPResponse, for endpoint: Endpoint)
        throws
        -> ListEnvelope<Value>
    {
        let object = try parseObject(response, for: endpoint)
        guard case .array(let elements)? = object["items"] ?? object["tems"] ?? object["item"] else {
            throw unexpected(endpoint, response, "expected {\"items\": […]}")
        }
        var items: [Value] = []
        items.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard let item = Value(json: element) else {
                throw unexpected(endpoint, response, "items[\(index)] is not an object")
            }
            items.append(item)
        }
        let number = { (key: String) in object[key]?.int64Value.map { Int($0) } }
        return ListEnvelope(items: items, page: number("page"), size: number("size"), total: number("total"))
    }

    private func parseObject(_ response: HTTPResponse, for endpoint: Endpoint) throws -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse([UInt8](response.body))
        } catch {
            throw unexpected(endpoint, response, "not JSON: \(error.message)")
        }
        guard case .object(let object) = value else { throw unexpected(endpoint, response, "not a JSON object") }
        return object
    }

    private func unexpected(_ endpoint: Endpoint, _ response: HTTPResponse, _ reason: String) -> CRMError {
        .unexpectedResponse(endpoint.request, status: response.status, reason: reason)
    }
}
