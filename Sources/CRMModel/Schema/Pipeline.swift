/// An opportunity pipeline and its ordered stages.
public struct Pipeline: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public var id: PipelineID? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var name: String? {
        get { field("name") }
        set { setField("name", newValue) }
    }
    public var isDefault: Bool? {
        get { field("isDefault") }
        set { setField("isDefault", newValue) }
    }
    public var stages: [Stage]? {
        get { field("stages") }
        set { setField("stages", newValue) }
    }
}

/// A stage of a pipeline; its id is the "stage key" opportunities refer to.
public struct Stage: JSONObjectModel {
    public var fields: JSONObject
    public init(fields: JSONObject) { self.fields = fields }

    public init(id: StageID, label: String, order: Int, probability: Double? = nil) {
        self.fields = [:]
        self.id = id
        self.label = label
        self.order = order
        self.probability = probability
    }

    public var id: StageID? {
        get { field("id") }
        set { setField("id", newValue) }
    }
    public var label: String? {
        get { field("label") }
        set { setField("label", newValue) }
    }
    public var order: Int? {
        get { field("order") }
        set { setField("order", newValue) }
    }
    public var probability: Double? {
        get { field("probability") }
        set { setField("probability", newValue) }
    }
}
