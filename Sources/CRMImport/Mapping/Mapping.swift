import CRMModel

/// A parsed mapping file: which source, which entity, how each target field is built, which
/// keys identify a record. See docs/mapping.md for the YAML format. Every part keeps the
/// location it was written at, so problems found later (against the live forms, or against the
/// source's columns) still point into the file.
public struct Mapping: Sendable {
    public var file: String
    public var source: SourceSettings
    public var entity: EntityKind
    /// Default fields of the entity (`name`, `email`, `organizationId`, …), in file order.
    public var fields: [FieldRule]
    /// Custom fields, addressed by their form label or id; resolved through the fetched form.
    public var customFields: [FieldRule]
    /// Values carried on the draft for matching and dedupe but never sent to the CRM.
    public var extras: [FieldRule]
    /// Alternatives tried in order; each is a list of target names (`email`, `phone`, `name`,
    /// `extras.birthDate`) whose values together identify a record.
    public var matchKeys: [MatchKeyRule]
    /// Defaults for transforms (phone region, time zone) so that rules need not repeat them.
    public var defaults: TransformDefaults
    /// What an import does with a row that matches a record by key while its other fields say it
    /// is someone else; nil leaves it to the command line (default: `skip`, left for review).
    public var onConflict: ConflictPolicy? = nil
}

/// What an import does with a conflict: a row that matches a record (or an earlier row) by a
/// match key, while the evidence of its other fields says it may be a different person.
public enum ConflictPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Write nothing for the row; list it for review (the default).
    case skip
    /// Create a new record for the row.
    case create
    /// Update (or fold into) the record it matched by key, as if the evidence agreed.
    case update
}

/// How to open the source file.
public struct SourceSettings: Sendable, Hashable {
    public var format: SourceFormat?
    public var encoding: String?
    public var delimiter: String?
    public var header: Bool?
    public var recordPath: String?
    public var nullTokens: [String] = []
    /// CSV: lines before the header to skip (LinkedIn writes a note above its columns).
    public var skipLines: Int?

    public init() {}
}

/// Defaults that rules and transforms use when their own settings leave them out, and what the
/// mapping's author accepts for the whole file.
public struct TransformDefaults: Sendable, Hashable {
    /// ISO 3166 region for phone numbers written without a country code.
    public var region: String = "US"
    /// The zone in which date-times without an offset were written (`UTC`, `Europe/Paris`), or
    /// nil to keep them as wall-clock times (the API stores them as given).
    public var timeZone: String? = nil
    /// Values the readers altered or the mapping dropped are accepted: the run reports them but
    /// does not fail for them (as `--accept-lossy` does), for exports known to carry such values.
    public var acceptLossy = false

    public init() {}
}

/// What a rule does with a value its transforms cannot handle (`onInvalid:`). When a rule says
/// nothing, required fields reject the record and every other value is dropped with a warning
/// (see `FailurePolicy`), so one bad optional value never costs the record.
public enum InvalidValuePolicy: String, Sendable, Hashable, CaseIterable {
    /// The record is rejected, with the value's problem as a reason.
    case reject
    /// The value is left out (the rule's `default` applies); the record goes on, and the value
    /// is listed in the run's account of dropped values.
    case drop
    /// The value is passed on as it was read, untransformed; the forms then decide.
    case keep
}

/// How one target is built.
public struct FieldRule: Sendable {
    /// The target as written in the file (`name`, a custom field's label or id, an extra's name).
    public var target: String
    public var location: MappingLocation
    public var value: ValueRule
    /// For `organizationId`, `contactId`, `tags`, `stage`, `caseTypeId`: how the value is resolved.
    public var reference: ReferenceRule?
}

/// Where a value comes from, then what is done to it.
public struct ValueRule: Sendable {
    public enum Origin: Sendable {
        /// The first non-empty of these source fields.
        case columns([SourceColumn])
        case template(Template)
        case constant(JSONValue)
        /// Several labeled values (e-mails, phones), each from its own columns or properties.
        case labeled([LabeledEntryRule])
        /// An object built member by member (`{start, end}` of a range, `{id, name}` of a user).
        case object([(String, ValueRule)])
    }

    public var origin: Origin
    public var transforms: [Transform]
    /// Used when the origin and transforms leave nothing.
    public var fallback: JSONValue?
    public var location: MappingLocation
    /// What to do when a transform fails; nil: the default for where the rule is (see
    /// `InvalidValuePolicy`).
    public var onInvalid: InvalidValuePolicy? = nil
    /// Another rule tried when this one leaves nothing (`fallback:`), such as the parts of a
    /// vCard's N when it has no FN. Held in an array, as a struct cannot hold itself.
    public var alternatives: [ValueRule] = []
    /// `optional: true`: the source may lack this rule's columns (an export's other version or
    /// language); a missing column gives no value and is noted once per file, not an error.
    /// Covers the rule's fallbacks and object members.
    public var optional = false
}

/// A source field named in a mapping, and where it was named.
public struct SourceColumn: Sendable, Hashable {
    public var name: String
    public var location: MappingLocation
    /// Take this parameter of the field instead of its value (Dynamics CMT lookups carry the
    /// referenced record's name in `lookupentityname`).
    public var parameter: String? = nil
    /// Where the column is in the file's header, once bound to it (`Mapping.bound(to:)`); a
    /// guess checked on each record, so not part of what makes two columns equal.
    var position: Int? = nil

    public static func == (a: SourceColumn, b: SourceColumn) -> Bool {
        a.name == b.name && a.location == b.location && a.parameter == b.parameter
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(location)
        hasher.combine(parameter)
    }
}

/// One source of labeled values (`email`, `phone`).
public struct LabeledEntryRule: Sendable {
    /// Where the values come from: columns, a template, or every field called `property`.
    public var value: ValueRule
    /// A vCard property (`EMAIL`, `TEL`) whose every occurrence becomes an entry; its `TYPE`
    /// parameters and `X-ABLabel` give the label through `labels`.
    public var property: String?
    /// A fixed label, or nil to derive it.
    public var label: String?
    /// A column holding the label (Google's `E-mail 1 - Type`).
    public var labelColumn: SourceColumn?
    /// Source label (TYPE value, X-ABLabel, label column) → CRM label, compared ignoring case.
    public var labels: [String: String]
    /// A fixed primary flag; nil derives it (vCard `PREF`, `TYPE=pref`).
    public var primary: Bool?
    public var location: MappingLocation
}

/// How a reference target is resolved: by what, and whether a missing one may be created.
public struct ReferenceRule: Sendable, Hashable {
    public var kind: DraftReference.Kind
    public var createIfMissing: Bool
    /// For stages: the pipeline (name or id) whose stages are searched; nil is the default pipeline.
    public var pipeline: String?
    /// `byExternalId:`: the value is another system's id of the record, found where such
    /// records keep it (see `ExternalIDKey`).
    public var externalID: ExternalIDKey?
}

/// One alternative match key.
public struct MatchKeyRule: Sendable, Hashable {
    public var targets: [String]
    public var location: MappingLocation
}
