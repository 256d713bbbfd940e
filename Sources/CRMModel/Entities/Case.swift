/// A support case, typed by a case type whose workflow governs its status.
public struct Case: LinkedRecord {
    public static let kind = EntityKind.case
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public var description: String? {
        get { field("description") }
        set { setField("description", newValue) }
    }
    /// A status of the case type's workflow, by id or label (see api-notes #16).
    public var status: String? {
        get { field("status") }
        set { setField("status", newValue) }
    }
    public var caseTypeId: CaseTypeID? {
        get { field("caseTypeId") }
        set { setField("caseTypeId", newValue) }
    }
    public var assignee: User? {
        get { field("assignee") }
        set { setField("assignee", newValue) }
    }
    public var priority: String? {
        get { field("priority") }
        set { setField("priority", newValue) }
    }
    /// A date (`YYYY-MM-DD`).
    public var expectedDate: String? {
        get { field("expectedDate") }
        set { setField("expectedDate", newValue) }
    }
}
