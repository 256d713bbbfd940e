import CRMModel

/// The opportunity fields no form describes: `status` (`open`, `won`, `lost`, case-sensitive)
/// and `lostReason` (only with `lost`; `reasonId` one of the CRM's fixed lost reasons). From
/// api-notes "Opportunity status and stage".
extension DraftValidator {
    static let opportunityStatuses: Set<String> = ["open", "won", "lost"]
    static let lostReasons = [
        "too_expensive", "chose_competitor", "no_budget", "no_decision", "not_a_fit", "bad_timing", "other",
    ]

    func checkOpportunityStatus(_ result: inout ValidatedDraft) {
        guard result.draft.entity == .opportunity else { return }
        let status = result.body["status"]?.stringValue
        if let status, !Self.opportunityStatuses.contains(status) {
            problem(
                &result, "status", status, .unknownOption, "'\(status)' is not a status; statuses: open, won, lost",
                hint: "map the source's statuses to open, won or lost")
        }
        guard let lostReason = result.body["lostReason"], !lostReason.isEmptyValue else { return }
        if status != "lost" {
            problem(
                &result, "lostReason", JSONPath.text(lostReason), .notAllowed, "a lost reason needs the status lost",
                hint: "leave the lost reason empty unless the status is lost")
        }
        let reasonID = lostReason["reasonId"]?.stringValue ?? ""
        if !Self.lostReasons.contains(reasonID) {
            problem(
                &result, "lostReason.reasonId", reasonID, .unknownOption,
                "'\(reasonID)' is not a lost reason; reasons: \(Self.lostReasons.joined(separator: ", "))",
                hint: "add a map transform to one of the lost reasons")
        }
    }

    private func problem(
        _ result: inout ValidatedDraft, _ field: String, _ value: String, _ reason: FieldProblemReason,
        _ message: String, hint: String
    ) {
        result.problems.append(
            RecordProblem(
                provenance: result.draft.provenance, field: field, value: value,
                reason: reason, message: message, hint: hint))
    }
}
