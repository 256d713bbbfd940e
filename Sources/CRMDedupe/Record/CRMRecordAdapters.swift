import CRMModel
import Foundation

/// Conversions from the CRM's own records, so `crmkit dedupe contacts|organizations` can cluster
/// what the API returns. They live here because CRMDedupe already depends on CRMModel and the
/// mapping is about what the engine compares, not about the API.
extension DedupeRecord {
    /// A CRM contact. `organizationName` is the employer's name when the caller looked it up
    /// (contacts carry only `organizationId`, and an id says nothing about similarity).
    public init(index: Int, contact: Contact, organizationName: String? = nil) {
        self.init(
            index: index, id: contact.id?.rawValue, kind: .person, name: contact.name?.nonBlank,
            emails: Self.values(contact.email), phones: Self.values(contact.phone),
            company: organizationName?.nonBlank, jobTitle: contact.jobTitle?.nonBlank,
            createdOn: Self.date(contact.createdOn), updatedOn: Self.date(contact.updatedOn),
            note: contact.note?.nonBlank)
        if let linkedin = contact.linkedin?.nonBlank { extra["linkedin"] = linkedin }
    }

    /// A CRM organization; its free-text address goes to the first address line.
    public init(index: Int, organization: Organization) {
        self.init(
            index: index, id: organization.id?.rawValue, kind: .organization, name: organization.name?.nonBlank,
            emails: Self.values(organization.email), phones: Self.values(organization.phone),
            company: organization.name?.nonBlank, addressLine1: organization.address?.nonBlank,
            website: organization.website?.nonBlank,
            createdOn: Self.date(organization.createdOn), updatedOn: Self.date(organization.updatedOn),
            note: organization.note?.nonBlank)
    }

    /// Non-blank values of labelled e-mails or phones, primary first (survivorship keeps order).
    static func values(_ labeled: [LabeledValue]?) -> [String] {
        let all = labeled ?? []
        let ordered = all.filter { $0.primary == true } + all.filter { $0.primary != true }
        return ordered.compactMap { $0.value?.nonBlank }
    }

    /// The server's ISO 8601 timestamps, with or without fractional seconds; nil if unreadable,
    /// since a missing date only weakens the "most recent wins" rule rather than being an error.
    static func date(_ text: String?) -> Date? {
        guard let text = text?.nonBlank else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? fractional.parse(text) { return date }
        // Offset-less date-times ("2024-05-01T10:00:00") are read as UTC.
        return try? Date(text + "Z", strategy: .iso8601)
    }
}
