/// The JSON error body: `{"code": "validation_failed", "message": "…", "details": [{field, reason}]}`.
public struct APIErrorBody: Codable, Sendable, Hashable {
    public var code: String
    public var message: String
    public var details: [Detail]?

    public struct Detail: Codable, Sendable, Hashable {
        public var field: String
        public var reason: String

        public init(field: String, reason: String) {
            self.field = field
            self.reason = reason
        }
    }

    public init(code: String, message: String, details: [Detail]? = nil) {
        self.code = code
        self.message = message
        self.details = details
    }
}

/// The error codes the sandbox sends (api-notes #10). A real CRM may send others.
public enum APIErrorCode {
    public static let unauthorized = "unauthorized"
    public static let notFound = "not_found"
    public static let validationFailed = "validation_failed"
    public static let badRequest = "bad_request"
    public static let malformedJSON = "malformed_json"
    public static let payloadTooLarge = "payload_too_large"
    public static let rateLimited = "rate_limited"
    public static let internalError = "internal_error"
    public static let unavailable = "unavailable"
    public static let methodNotAllowed = "method_not_allowed"
}
