import CRMModel

/// A record the mapper built from one source record, not yet checked against the CRM's forms:
/// the entity, the fields the mapping set, what still has to be looked up (an organization by
/// name, a tag by label…), the match-key values, and the source record itself, so a rejected
/// draft can be written back out as the row it came from.
///
/// Default fields are kept as the mapping set them, in rule order, with e-mail and phone entries
/// typed (`DraftField`): the validator checks them there, and builds the API body (`fields`) only
/// when a body is wanted, as building and searching a dictionary per record costs more than most
/// checks.
public struct Draft: Sendable {
    public var entity: EntityKind
    /// Default fields by target, in the order the mapping set them; a target appears once.
    public var values: [DraftField]
    /// Custom field values keyed by what the mapping wrote (a form label or a field id).
    public var customFields: [(key: String, value: JSONValue)]
    /// Values for matching and dedupe that are not sent to the CRM.
    public var extras: JSONObject
    public var references: [DraftReference]
    /// The match keys whose values are all present, in the mapping's order.
    public var matchKeys: [MatchKeyValue]
    public var source: SourceRecord
    /// Problems met while mapping (a date that does not parse, a value the map does not know…).
    public var problems: [RecordProblem]
    /// Values the mapping left out by its error policy (`onInvalid`): the record goes on without
    /// them, and the run lists each in its account of what was dropped.
    public var dropped: [RecordProblem] = []
    /// Values that failed in a rule without `onInvalid` whose target's form decides: dropped when
    /// the field is optional, a reason to reject the record when it is required. Only the
    /// validator knows the form; it moves each into `problems` or `dropped`.
    var pendingDrops: [PendingDrop] = []

    /// The default fields as the API takes them (entries as `{value, label, primary}` objects).
    public var fields: JSONObject {
        var object: JSONObject = [:]
        object.reserveCapacity(values.count)
        for field in values { object[field.target] = field.value.json }
        return object
    }

    /// The value set for `target`, if any.
    public func value(of target: String) -> DraftField.Value? {
        values.firstIndex { $0.target == target }.map { values[$0].value }
    }

    /// Sets (or, nil, removes) the value of `target`; a later value replaces an earlier one.
    /// `rule`: the position of the mapping rule that set it (see `DraftField.rule`).
    mutating func set(_ target: String, _ value: DraftField.Value?, rule: Int? = nil) {
        if let index = values.firstIndex(where: { $0.target == target }) {
            if let value { values[index].value = value } else { values.remove(at: index) }
        } else if let value {
            values.append(DraftField(target: target, value: value, rule: rule))
        }
    }

    public var provenance: SourceProvenance { source.provenance }

    public init(entity: EntityKind, source: SourceRecord) {
        self.entity = entity
        self.values = []
        self.customFields = []
        self.extras = [:]
        self.references = []
        self.matchKeys = []
        self.source = source
        self.problems = []
    }
}

/// One default field of a draft: its target and the value the mapping built for it.
public struct DraftField: Sendable, Hashable {
    public var target: String
    public var value: Value
    /// The position in `Mapping.fields` of the rule that set the value, nil when something
    /// else did: the validator finds the form field of a rule's target once per run, not per
    /// record (and checks the target is the one it expects).
    var rule: Int? = nil

    /// A value as JSON, or a labeled field's entries kept typed until a body is built, so that
    /// the validator checks e-mails and phones without reading them back out of JSON objects.
    public enum Value: Sendable, Hashable {
        case json(JSONValue)
        case entries([LabeledEntry])

        /// The value as the API takes it.
        public var json: JSONValue {
            switch self {
            case .json(let value): return value
            case .entries(let entries): return .array(entries.map(\.json))
            }
        }
    }
}

/// Something the draft names that must be found in the CRM (or created) before it is written.
public struct DraftReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `organizationId` by organization name.
        case organization
        /// `contactId` by e-mail address.
        case contact
        /// A record tag by label.
        case tag
        /// An opportunity stage by label within a pipeline.
        case stage
        /// `caseTypeId` by case type label.
        case caseType
        /// A case status by label or id, within the case type's workflow.
        case caseStatus
    }

    public var kind: Kind
    /// The target field (`organizationId`, `tags`, `stage`…).
    public var field: String
    /// The name, e-mail or label to look for.
    public var value: String
    public var createIfMissing: Bool
    /// For stages: the pipeline named in the mapping, or nil for the default one.
    public var pipeline: String?
    /// For organizations and contacts found by another system's id rather than by name or
    /// e-mail: where the referenced records keep that id. `value` is then the id, compared as
    /// match keys compare extras (case-folded, single spaces).
    public var externalID: ExternalIDKey?
    /// For a reference by external id: whether a row whose id names no known record goes on
    /// without the reference (the rule's `onInvalid: drop`, or by default when the field is
    /// optional in the form) rather than being rejected. Set by the validator, which knows the form.
    public var dropsIfUnresolved = false
    /// Whether the validator left the reference for the planner to look up or create (an
    /// organization by name, a tag to create…) rather than resolving it from the snapshot.
    public internal(set) var isPending = false

    public init(
        kind: Kind, field: String, value: String, createIfMissing: Bool = false, pipeline: String? = nil,
        externalID: ExternalIDKey? = nil
    ) {
        self.kind = kind
        self.field = field
        self.value = value
        self.createIfMissing = createIfMissing
        self.pipeline = pipeline
        self.externalID = externalID
    }
}

/// Where the records a reference by external id names keep the id another system gave them
/// (`byExternalId:` in a mapping).
public enum ExternalIDKey: Sendable, Hashable {
    /// An extra their own import keyed them by (`byExternalId: salesforceId` for `matchKeys:
    /// [[extras.salesforceId], …]`): known from the key ledger of the runs in this directory.
    case extra(String)
    /// A custom field of their form holding it (`byExternalId: customFields.Salesforce Id`, by
    /// label or id): read from the CRM, so the link needs no local state.
    case customField(String)

    /// How messages name it: `salesforceId`, `custom field 'Salesforce Id'`.
    public var spelled: String {
        switch self {
        case .extra(let name): return name
        case .customField(let field): return "custom field '\(field)'"
        }
    }
}

/// The values of one match key, normalised for comparison (e-mails lower-cased, phones as
/// digits, names case-folded with single spaces).
public struct MatchKeyValue: Sendable, Hashable, Codable {
    public var targets: [String]
    public var values: [String]

    public init(targets: [String], values: [String]) {
        self.targets = targets
        self.values = values
    }
}

/// One problem with one record. Printed as the one `Diagnostic`
/// (`file:line: error: field: 'value': reason: message; hint`); its JSON keeps the parts apart
/// (provenance, field, value, reason code) for tools that sort or count them.
public struct RecordProblem: Sendable, Hashable, Codable, DiagnosticConvertible {
    public var provenance: SourceProvenance
    /// The target field, with a path into its value (`email[1].value`, `customFields.Birthday`).
    public var field: String
    /// The offending value as text (shortened), or empty when there was none.
    public var value: String
    public var reason: FieldProblemReason
    public var message: String
    public var hint: String?

    public init(
        provenance: SourceProvenance, field: String, value: String, reason: FieldProblemReason,
        message: String, hint: String? = nil
    ) {
        self.provenance = provenance
        self.field = field
        self.value = value
        self.reason = reason
        self.message = message
        self.hint = hint
    }

    /// The value as shown to people: quoted and shortened, or `(empty)`.
    public var shownValue: String {
        guard !value.isEmpty else { return "(empty)" }
        return "'" + (value.count > 60 ? String(value.prefix(57)) + "..." : value) + "'"
    }

    public var diagnostic: Diagnostic {
        Diagnostic(
            file: provenance.file, line: provenance.line, field: field,
            "\(shownValue): \(reason.rawValue): \(message)", hint: hint)
    }

    /// The problem of a value dropped from a record that was kept: a warning, the record is fine.
    public var droppedDiagnostic: Diagnostic {
        let what = value.isEmpty ? "dropped" : "dropped \(shownValue)"
        return Diagnostic(
            .warning, file: provenance.file, line: provenance.line, field: field,
            "\(what): \(reason.rawValue): \(message)")
    }
}

/// A value whose fate depends on whether its target is required (see `Draft.pendingDrops`).
struct PendingDrop: Sendable {
    /// The target as the mapping names it: a default field's id, or a custom field's key.
    var target: String
    var isCustom: Bool
    var problem: RecordProblem
}
