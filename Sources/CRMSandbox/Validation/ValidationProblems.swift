import CRMModel

/// The problems found in one body. Validation collects them all and fails once, so a client
/// learns about every bad field in one round trip (api-notes #10).
struct ValidationProblems {
    private(set) var details: [APIErrorBody.Detail] = []

    var isEmpty: Bool { details.isEmpty }

    mutating func add(_ field: String, _ reason: Reason) {
        details.append(APIErrorBody.Detail(field: field, reason: reason.rawValue))
    }

    func throwIfAny() throws(SandboxError) {
        if !details.isEmpty { throw SandboxError.validation(details) }
    }

    /// `details[].reason` values of api-notes: the same codes the shared field-value rules use.
    typealias Reason = FieldProblemReason
}
