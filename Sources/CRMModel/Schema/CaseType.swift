/// A kind of case: its own form and the workflow its cases' statuses follow.
public struct CaseType: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(label: String, form: [FormField] = [], workflow: Workflow? = nil) {
        self.fields = [:]
        self.label = label
        self.form = form
        self.workflow = workflow
    }

    public var id: CaseTypeID? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var label: String? {
        get { field("label") }
        set { setField("label", newValue) }
    }
    public var form: [FormField]? {
        get { field("form") }
        set { setField("form", newValue) }
    }
    public var workflow: Workflow? {
        get { field("workflow") }
        set { setField("workflow", newValue) }
    }
    public var owner: User? {
        get { field("owner") }
        set { setField("owner", newValue) }
    }
    public var creator: User? {
        get { field("creator") }
        set { setField("creator", newValue) }
    }
    public var lastUpdatedBy: User? {
        get { field("lastUpdatedBy") }
        set { setField("lastUpdatedBy", newValue) }
    }
    public var tenantId: String? {
        get { field("tenantId") }
        set { setField("tenantId", newValue) }
    }
    public var createdOn: String? {
        get { field("createdOn") }
        set { setField("createdOn", newValue) }
    }
    public var updatedOn: String? {
        get { field("updatedOn") }
        set { setField("updatedOn", newValue) }
    }
}

/// A case workflow as the CRM's editor stores it: status nodes and labeled transition edges.
public struct Workflow: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(statuses: [WorkflowStatus], transitions: [WorkflowTransition]) {
        self.fields = [:]
        self.statuses = statuses
        self.transitions = transitions
    }

    /// `"status"` on the wire.
    public var statuses: [WorkflowStatus]? {
        get { field("status") }
        set { setField("status", newValue) }
    }
    /// `"transition"` on the wire.
    public var transitions: [WorkflowTransition]? {
        get { field("transition") }
        set { setField("transition", newValue) }
    }

    /// The status a transition end names, by id first, then by label (api-notes #15).
    public func status(named reference: String) -> WorkflowStatus? {
        let statuses = self.statuses ?? []
        return statuses.first { $0.id == reference }
            ?? statuses.first { $0.label == reference }
            ?? statuses.first { $0.label?.caseInsensitiveCompare(reference) == .orderedSame }
    }
}

/// A status node: `{"id": "open", "type": "node", "position": {…}, "data": {"label", "color", …}}`.
public struct WorkflowStatus: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(id: String, label: String, color: String? = nil, recordResolutionSLA: Bool = false) {
        self.fields = ["id": .string(id), "type": "node", "position": ["x": 0, "y": 0]]
        var data: JSONObject = ["label": .string(label), "recordResolutionSLA": .bool(recordResolutionSLA)]
        if let color { data["color"] = .string(color) }
        self.fields["data"] = .object(data)
    }

    public var id: String? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var label: String? {
        get { fields["data"]?["label"]?.stringValue }
        set { setData("label", newValue.map(JSONValue.string)) }
    }
    public var color: String? {
        get { fields["data"]?["color"]?.stringValue }
        set { setData("color", newValue.map(JSONValue.string)) }
    }
    public var recordResolutionSLA: Bool? {
        get { fields["data"]?["recordResolutionSLA"]?.boolValue }
        set { setData("recordResolutionSLA", newValue.map(JSONValue.bool)) }
    }

    private mutating func setData(_ key: String, _ value: JSONValue?) {
        var data = fields["data"]?.objectValue ?? [:]
        data[key] = value
        fields["data"] = .object(data)
    }
}

/// A transition edge between two statuses, which it names by id or label.
public struct WorkflowTransition: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(id: String, label: String, source: String, target: String) {
        self.fields = [
            "id": .string(id), "type": "labeledEdge", "label": .string(label),
            "source": .string(source), "target": .string(target),
            "sourceHandle": .null, "targetHandle": .null,
            "data": ["isEditing": false, "recordComment": false],
        ]
    }

    public var id: String? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var label: String? {
        get { field("label") }
        set { setField("label", newValue) }
    }
    public var source: String? {
        get { field("source") }
        set { setField("source", newValue) }
    }
    public var target: String? {
        get { field("target") }
        set { setField("target", newValue) }
    }
    public var recordComment: Bool? { fields["data"]?["recordComment"]?.boolValue }
    public var authorizedUsers: [String]? { fields["data"]?["authorizedUsers"].flatMap([String].init(json:)) }
}
