import CRMImport
import CRMModel
import CRMSupport

/// A row's content as the key ledger remembers it: SHA-256 of what the mapping made of the row
/// (the fields, extras and references before they are resolved to ids). An earlier run that wrote
/// a row with the same fingerprint into this CRM wrote this very content; the row needs nothing
/// more, whatever the evidence would say of its fields today. This is what makes a second import
/// of the same file plan no writes, even for rows the identity model finds hard to place.
enum RowFingerprint {
    static func key(_ validated: ValidatedDraft) -> String {
        let references = validated.pendingReferences.map { JSONValue.array([.string($0.field), .string($0.value)]) }
        let content: JSONObject = [
            "body": .object(validated.body), "extras": .object(validated.draft.extras),
            "references": .array(references),
        ]
        return "row\u{1F}" + SHA256.hexDigest(Array(JSONWriter.text(.object(content)).utf8))
    }
}
