/// The members of a form field that schema files manage. Files may hold only these: anything else
/// is a typo to refuse (`requird: true` would otherwise be planned and applied as a new member
/// while `required` stays false). Members the CRM keeps beyond these are its own business:
/// `pull` leaves them out of the files and `apply` sends them back as the CRM had them.
enum FormFieldKeys {
    static let managed = ["id", "label", "type", "category", "required", "options", "labelOptions"]
    /// A dropdown option written as a mapping (`{id: engineering, label: Engineering}`).
    static let option = ["id", "label", "value"]
    /// Members the server sets on a field itself; apply never sends them back.
    static let serverBookkeeping: Set<String> = ["tenantId", "createdOn", "updatedOn", "creator", "lastUpdatedBy"]

    /// Members of a live field that apply carries over unchanged: neither managed nor bookkeeping.
    static func carriedOver(_ key: String) -> Bool { !managed.contains(key) && !serverBookkeeping.contains(key) }
}
