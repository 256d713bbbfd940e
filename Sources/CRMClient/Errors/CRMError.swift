import CRMModel

/// Every error the client throws. Each carries the request it was about (method and path, never
/// the API key or query) and its description says what to do next.
public enum CRMError: Error, Sendable, CustomStringConvertible {
    /// The API answered with an error status.
    case api(APIFailure)
    /// A request that is not safe to repeat (create, merge, convert, bulk action) may or may not
    /// have been carried out: the connection failed or timed out after it was sent, or a gateway
    /// answered 502/503/504. Check whether the change happened before sending it again.
    case outcomeUnknown(RequestDescription, reason: String)
    /// No HTTP answer: the connection failed, even after retries, before the request could be
    /// sent (or for a request that is safe to repeat).
    case transport(RequestDescription, reason: String, attempts: Int)
    /// The API answered 2xx with a body crmkit could not read.
    case unexpectedResponse(RequestDescription, status: Int, reason: String)
    /// A value given to the client cannot form a request (e.g. an empty id).
    case invalidArgument(String)

    /// The HTTP status, when the API answered.
    public var status: Int? {
        switch self {
        case .api(let failure): return failure.status
        case .unexpectedResponse(_, let status, _): return status
        default: return nil
        }
    }

    /// The API's error code (`not_found`, `validation_failed`, …), when it sent one.
    public var code: String? {
        if case .api(let failure) = self { return failure.body?.code }
        return nil
    }

    public var isOutcomeUnknown: Bool {
        if case .outcomeUnknown = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .api(let failure):
            return failure.description
        case .outcomeUnknown(let request, let reason):
            return "\(request): outcome unknown (\(reason)). The server may or may not have carried it out; "
                + "check whether the change exists before sending it again."
        case .transport(let request, let reason, let attempts):
            return "\(request): no answer from the CRM after \(attempts) attempt(s) (\(reason)). "
                + "Check the base URL (--base-url / CRM_BASE_URL) and your network, then retry."
        case .unexpectedResponse(let request, let status, let reason):
            return "\(request): HTTP \(status) with a body crmkit cannot read (\(reason)).\n"
                + APIFailure.notTheCRMAdvice
        case .invalidArgument(let message):
            return message
        }
    }
}

/// Which request failed: method and path only. Queries can hold search terms and the key travels
/// in a header, so neither is part of it.
public struct RequestDescription: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var path: String

    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    public var description: String { "\(method) \(path)" }
}

/// An error answer of the API: its status and, when the body was the API's JSON error, its code,
/// message and per-field details.
public struct APIFailure: Sendable, CustomStringConvertible {
    public var request: RequestDescription
    public var status: Int
    public var body: APIErrorBody?
    /// Seconds the server asked to wait (429/503), when it said.
    public var retryAfterSeconds: Double?
    /// How many times the request was sent.
    public var attempts: Int
    /// What came back instead of JSON ("an HTML page (text/html)"), when the body was not JSON at
    /// all: the sign of a server that is not the CRM API (a web site, a proxy's error page).
    public var foreignBody: String?

    public init(
        request: RequestDescription, status: Int, body: APIErrorBody?, retryAfterSeconds: Double? = nil,
        attempts: Int = 1, foreignBody: String? = nil
    ) {
        self.request = request
        self.status = status
        self.body = body
        self.retryAfterSeconds = retryAfterSeconds
        self.attempts = attempts
        self.foreignBody = foreignBody
    }

    /// The answer came from something that does not speak the CRM API: a client error whose body
    /// is not JSON. (A 5xx page is usually a proxy in front of a CRM that is down; 429 is a
    /// gateway's rate limit. Those keep their own advice.)
    public var isNotFromCRM: Bool {
        foreignBody != nil && (400..<500).contains(status) && status != 429
    }

    public var description: String {
        var text = "\(request): HTTP \(status)"
        if isNotFromCRM, let foreignBody {
            return text + " with \(foreignBody)\n" + Self.notTheCRMAdvice
        }
        if let body {
            text += " \(body.code): \(body.message)"
            for detail in body.details ?? [] { text += "\n  \(detail.field): \(detail.reason)" }
        }
        if let advice { text += "\n" + advice }
        return text
    }

    /// Said whenever the server answers, but not as the CRM API would.
    public static let notTheCRMAdvice =
        "The server at the base URL does not answer like the CRM API, which answers every request with JSON "
        + "(errors as {\"code\": …, \"message\": …}). Check --base-url / CRM_BASE_URL (or the profile's baseURL): "
        + "it must be the API root that the paths of the API reference start from, such as https://host/api, "
        + "not a web site or a login page."

    /// What the user can do about it.
    public var advice: String? {
        switch status {
        case 401:
            return "The API key was refused. Check --api-key / CRM_API_KEY (and CRM_API_KEY_SECONDARY); "
                + "keys are valid for one CRM instance only."
        case 403: return "The API key is not allowed to do this."
        case 404: return "Nothing exists at that id; list the resource to find the right one."
        case 400, 422: return "Fix the request as the details say and send it again."
        case 413: return "The body is too large; send fewer or smaller records per request."
        case 429:
            return "Rate limited even after \(attempts) attempt(s); lower --concurrency or wait and retry."
        case 500...599:
            return "The CRM failed (after \(attempts) attempt(s)); retry later."
        default: return nil
        }
    }
}
