import CRMDedupe

/// The `phone` transform: numbers to E.164 (`+15551234567`) with a default region for numbers
/// written without a country code; an extension is kept as ` ext. 12`. The normalising itself
/// is CRMDedupe's, so that import and dedupe agree on what "the same phone" is.
struct PhoneTransformer: Sendable {
    var defaultRegion: String {
        didSet { normalizer = PhoneNormalizer(defaultRegion: defaultRegion) }
    }
    /// Made once per mapper, not per number (making one upper-cases the region).
    private var normalizer: PhoneNormalizer

    init(defaultRegion: String) {
        self.defaultRegion = defaultRegion
        self.normalizer = PhoneNormalizer(defaultRegion: defaultRegion)
    }

    func normalize(_ text: String, region: String?) throws(TransformFailure) -> String {
        guard let phone = normalizer.e164(text, region: region) else {
            throw TransformFailure(
                reason: .invalidFormat, message: "not a phone number",
                hint: "a phone needs at least 4 digits; fix the value in the source")
        }
        guard let phoneExtension = phone.phoneExtension else { return phone.e164 }
        return phone.e164 + " ext. " + phoneExtension
    }
}
