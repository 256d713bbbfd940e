import CRMModel

/// The one error type of the sandbox. Every failure a handler or middleware can produce is one of
/// these, and `SandboxResponder` renders it as the JSON body of api-notes #10, so a client always
/// gets `{code, message, details}` with a status that tells it what to do next.
struct SandboxError: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var details: [APIErrorBody.Detail]
    /// Extra response headers (`Retry-After`, `Allow`).
    var headers: [(String, String)] = []

    init(
        status: Int, code: String, message: String, details: [APIErrorBody.Detail] = [],
        headers: [(String, String)] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    var body: APIErrorBody {
        APIErrorBody(code: code, message: message, details: details.isEmpty ? nil : details)
    }

    static func notFound(_ what: String) -> SandboxError {
        SandboxError(
            status: 404, code: APIErrorCode.notFound,
            message: "\(what) does not exist; check the id (list the collection to see existing ids).")
    }

    static func badRequest(_ message: String, field: String? = nil) -> SandboxError {
        SandboxError(
            status: 400, code: APIErrorCode.badRequest, message: message,
            details: field.map { [APIErrorBody.Detail(field: $0, reason: "invalid")] } ?? [])
    }

    static func malformedJSON(_ message: String) -> SandboxError {
        SandboxError(
            status: 400, code: APIErrorCode.malformedJSON,
            message: "The body is not valid JSON (RFC 8259, no comments or trailing commas): \(message)")
    }

    static func validation(_ problems: [APIErrorBody.Detail]) -> SandboxError {
        let summary = problems.prefix(3).map { "\($0.field): \($0.reason)" }.joined(separator: ", ")
        let more = problems.count > 3 ? " and \(problems.count - 3) more" : ""
        return SandboxError(
            status: 400, code: APIErrorCode.validationFailed,
            message:
                "The body has \(problems.count) invalid field(s): "
                + "\(summary)\(more). Fix them and send again; see details.",
            details: problems)
    }

    static func unauthorized() -> SandboxError {
        SandboxError(
            status: 401, code: APIErrorCode.unauthorized,
            message:
                "Missing or wrong API key: send the primary or secondary key in the Ocp-Apim-Subscription-Key header.")
    }

    static let inUse = "in_use"
    static let invalidState = "invalid_state"
}
