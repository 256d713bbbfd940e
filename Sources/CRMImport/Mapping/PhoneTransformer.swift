/// The `phone` transform: numbers to E.164 (`+15551234567`) with a default region for numbers
/// written without a country code. The normalising itself is CRMDedupe's, so that import and
/// dedupe agree on what "the same phone" is.
struct PhoneTransformer: Sendable {
    var defaultRegion: String

    func normalize(_ text: String, region: String?) throws(TransformFailure) -> String {
        throw TransformFailure(reason: .invalidFormat, message: "phone normalising is not available yet", hint: nil)
    }
}
