import CRMModel

/// The configuration crmkit manages, as the files describe it: no remote ids, stable keys only
/// (field ids, tag labels, case-type keys, status ids). Both the files and the live instance are
/// reduced to this shape so that they can be compared.
public struct SchemaSpec: Hashable, Codable, Sendable {
    public var forms: [FormSpec]
    public var tagSets: [TagSetSpec]
    public var caseTypes: [CaseTypeSpec]
    /// Whether the files manage case types at all (a `case-types/` folder exists). When they do,
    /// a live case type without a file is planned for deletion.
    public var caseTypesManaged: Bool

    public init(
        forms: [FormSpec] = [], tagSets: [TagSetSpec] = [], caseTypes: [CaseTypeSpec] = [],
        caseTypesManaged: Bool = true
    ) {
        self.forms = forms
        self.tagSets = tagSets
        self.caseTypes = caseTypes
        self.caseTypesManaged = caseTypesManaged
    }

    public func form(_ form: SchemaForm) -> FormSpec? { forms.first { $0.form == form } }
    public func tagSet(_ entity: EntityKind) -> TagSetSpec? { tagSets.first { $0.entity == entity } }
    public func caseType(key: String) -> CaseTypeSpec? { caseTypes.first { $0.key == key } }
}

/// One entity form: its fields in display order.
public struct FormSpec: Hashable, Codable, Sendable {
    public var form: SchemaForm
    /// Fields are kept as the API's JSON-backed `FormField` so members crmkit does not know
    /// survive a pull → edit → apply cycle.
    public var fields: [FormField]

    public init(form: SchemaForm, fields: [FormField]) {
        self.form = form
        self.fields = fields
    }
}

/// The tags of one entity, identified by label (labels are unique per entity, case-insensitively).
public struct TagSetSpec: Hashable, Codable, Sendable {
    public var entity: EntityKind
    public var tags: [TagSpec]

    public init(entity: EntityKind, tags: [TagSpec]) {
        self.entity = entity
        self.tags = tags
    }
}

public struct TagSpec: Hashable, Codable, Sendable {
    public var label: String
    /// `nil` means "whatever the CRM chooses" (the sandbox's default is `#808080`).
    public var color: String?
    /// The label this tag had before: apply renames that tag (its records keep it) rather than
    /// deleting it and creating a new one. Written only by people; `pull` leaves it out.
    public var renamedFrom: String?

    public init(label: String, color: String? = nil, renamedFrom: String? = nil) {
        self.label = label
        self.color = color
        self.renamedFrom = renamedFrom
    }

    /// Tags match across files and the CRM by label, ignoring case, as the API compares them.
    public var matchKey: String { label.lowercased() }
}

/// A case type under a local key (its file name), with its form and workflow.
public struct CaseTypeSpec: Hashable, Codable, Sendable {
    /// A slug chosen at pull time; stable when the label changes. The remote id lives in the state.
    public var key: String
    public var label: String
    public var form: [FormField]
    public var workflow: WorkflowSpec

    public init(key: String, label: String, form: [FormField], workflow: WorkflowSpec) {
        self.key = key
        self.label = label
        self.form = form
        self.workflow = workflow
    }
}

public struct WorkflowSpec: Hashable, Codable, Sendable {
    /// The first status is the initial one (new cases start there; reachability starts there).
    public var statuses: [StatusSpec]
    public var transitions: [TransitionSpec]

    public init(statuses: [StatusSpec] = [], transitions: [TransitionSpec] = []) {
        self.statuses = statuses
        self.transitions = transitions
    }

    /// The status a transition end names: by id, then by label (api-notes #15).
    public func status(named reference: String) -> StatusSpec? {
        statuses.first { $0.id == reference }
            ?? statuses.first { $0.label == reference }
            ?? statuses.first { $0.label.caseInsensitiveCompare(reference) == .orderedSame }
    }
}

public struct StatusSpec: Hashable, Codable, Sendable {
    public var id: String
    public var label: String
    public var color: String?
    public var recordResolutionSLA: Bool
    /// A status where a case may rest for good (Closed, Rejected…). Lint requires every status
    /// without an outgoing transition to say so. Sent to the CRM as `data.final`.
    public var final: Bool
    /// The editor's layout position `{x, y}`, kept so an apply does not scramble the diagram.
    public var position: JSONValue?

    public init(
        id: String, label: String, color: String? = nil, recordResolutionSLA: Bool = false,
        final: Bool = false, position: JSONValue? = nil
    ) {
        self.id = id
        self.label = label
        self.color = color
        self.recordResolutionSLA = recordResolutionSLA
        self.final = final
        self.position = position
    }
}

/// A transition, identified by its ends and its label (remote edge ids are not kept in files).
public struct TransitionSpec: Hashable, Codable, Sendable {
    public var label: String
    public var from: String
    public var to: String
    public var recordComment: Bool
    public var authorizedUsers: [String]

    public init(label: String, from: String, to: String, recordComment: Bool = false, authorizedUsers: [String] = []) {
        self.label = label
        self.from = from
        self.to = to
        self.recordComment = recordComment
        self.authorizedUsers = authorizedUsers
    }

    /// How plans name a transition: `Start (open → in-progress)`.
    public var displayName: String { "\(label) (\(from) → \(to))" }

    public var matchKey: String { "\(from)\u{1F}\(to)\u{1F}\(label.lowercased())" }
}
