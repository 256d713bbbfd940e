import CRMImport
import CRMModel

/// An import plan: every change an import would make, in the order it would make them, with
/// where each came from and what it expects to find. Written as JSON (`--plan-out`) so it can be
/// reviewed, committed and applied exactly (`crmkit apply`), and copied into every run directory
/// so a resumed or rolled-back run knows what it was doing.
public struct ImportPlan: Codable, Sendable {
    /// Format 2 keeps each row's place in the source instead of its fields (`StepSource`).
    public static let currentFormat = "crmkit-import-plan/2"
    /// Formats this crmkit reads: plans of format 1 carry their rows' fields, which are shown as
    /// they are.
    public static let readableFormats: Set<String> = ["crmkit-import-plan/1", currentFormat]

    public var format = ImportPlan.currentFormat
    public var createdAt: String
    /// The entity the mapping imports (steps may also create organizations, contacts and tags
    /// the rows refer to).
    public var entity: EntityKind
    public var source: FileStamp
    public var mapping: FileStamp
    /// The CRM the plan was made against (base URL only; never a key).
    public var target: String
    /// Which CRM this is, for the key ledger: the base URL, or the database of an embedded
    /// sandbox (whose URL changes with every start).
    public var crm: String?
    /// The source's field names in first-seen order: the columns of the result CSVs.
    public var columns: [String]
    public var steps: [PlanStep]
    /// Records that failed validation (or the reader): never planned, listed in errors.csv.
    public var rejected: [RejectedRecord]
    /// Rows imported with a value the reader altered or the mapping dropped (accepted with
    /// `--accept-lossy`), with what happened to each value: listed in errors.csv too, so the
    /// run's files account for every value. Nil in plans made before it existed.
    public var altered: [RejectedRecord]?
    /// The mapping's match-key alternatives and phone region: how `matchKeys` were computed,
    /// so `crmkit apply` can check that no matching record appeared since.
    public var matchRules: [[String]] = []
    public var region: String = "US"
    /// How the source was read (format and reader options), so its rows can be read again as
    /// the plan read them. Nil in plans whose rows carry their fields.
    public var reading: SourceReading?
    /// What the reader of the plan should know about its match keys on this file (rows without
    /// any key value, keys shared by rows); nil when there is nothing to say.
    public var warnings: [String]?

    public init(
        createdAt: String, entity: EntityKind, source: FileStamp, mapping: FileStamp, target: String,
        columns: [String], steps: [PlanStep], rejected: [RejectedRecord]
    ) {
        self.createdAt = createdAt
        self.entity = entity
        self.source = source
        self.mapping = mapping
        self.target = target
        self.columns = columns
        self.steps = steps
        self.rejected = rejected
    }

    /// Steps per action and entity, for summaries.
    public var counts: [PlanCount] {
        var counts: [PlanCount: Int] = [:]
        for step in steps { counts[PlanCount(action: step.action, entity: step.entity, count: 0), default: 0] += 1 }
        return counts.map { PlanCount(action: $0.key.action, entity: $0.key.entity, count: $0.value) }
            .sorted {
                ($0.entity.dependencyOrder, $0.action.rawValue) < ($1.entity.dependencyOrder, $1.action.rawValue)
            }
    }

    /// Steps by id (`steps` is in the order they are applied, ids are file order).
    public func stepsByID() -> [Int: PlanStep] {
        Dictionary(steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether applying would change nothing.
    public var isNoOp: Bool { steps.allSatisfy { $0.action == .skip || $0.action == .conflict } }

    /// The rows left alone because their evidence conflicts with the records they match by key,
    /// and nobody has decided them yet.
    public var conflicts: [PlanStep] { steps.filter { $0.action == .conflict && $0.decision == nil } }
}

/// A file the plan was made from, and its digest (a changed file is noticed).
public struct FileStamp: Codable, Sendable, Hashable {
    public var path: String
    public var sha256: String
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

public struct PlanCount: Codable, Sendable, Hashable {
    public var action: PlanStep.Action
    public var entity: EntityKind
    public var count: Int
}

/// One change. Steps refer to each other by `id` (their index): a contact's `organizationId`
/// filled with the id the CRM gave an organization created earlier in the same run.
public struct PlanStep: Codable, Sendable {
    public enum Action: String, Codable, Sendable {
        /// Create a record (`body`); also organizations and contacts that rows refer to by name
        /// or e-mail when the mapping allows creating them.
        case create
        /// PATCH `target` (or the record `targetStep` created) with `body`, the differing fields.
        case update
        /// Merge `mergeSources` into `target`, then PATCH it with `body`.
        case merge
        /// The record already holds every value: nothing to do.
        case skip
        /// Create a tag (`body.label`) that rows use, when the mapping allows it.
        case createTag
        /// The row matches records by a match key, but the evidence of its other fields says it
        /// may be someone else (`conflict` holds both sides and why). Nothing is written unless the
        /// user decides (`--on-conflict create|update`).
        case conflict
    }

    public var id: Int
    public var action: Action
    public var entity: EntityKind
    /// The source row; nil for records created because rows refer to them (see `note`).
    public var source: StepSource?
    /// The existing record this step changes or found equal.
    public var target: String?
    /// The step whose created record this step changes (a row repeating an earlier row).
    public var targetStep: Int?
    /// The record to create, or the fields to PATCH.
    public var body: JSONObject? {
        get { bodyText?.object }
        set { bodyText = newValue.map(JSONText.init) }
    }
    /// `body` as stored: its JSON text, a fraction of the object's memory (see `JSONText`).
    public var bodyText: JSONText?
    /// Fields of `body` to fill with ids created by earlier steps.
    public var links: [StepLink]?
    /// What the plan saw: the target's `updatedOn` and the values the PATCH replaces.
    public var expected: ExpectedRecord? {
        get { details?.values.expected }
        set { setDetail { $0.expected = newValue } }
    }
    /// For merges: the records folded into `target`, as the plan saw them.
    public var mergeSources: [ExpectedRecord]? {
        get { details?.values.mergeSources }
        set { setDetail { $0.mergeSources = newValue } }
    }
    /// The normalised match-key strings the CRM can be searched by (`crmkit apply` checks no
    /// record matching them appeared since the plan).
    public var matchKeys: [String]? {
        get { packedMatchKeys?.strings }
        set { packedMatchKeys = newValue.map(PackedStrings.init) }
    }
    /// Keys naming `extras.*`, recorded in the key ledger with the record's id once done.
    public var ledgerKeys: [String]? {
        get { packedLedgerKeys?.strings }
        set { packedLedgerKeys = newValue.map(PackedStrings.init) }
    }
    private var packedMatchKeys: PackedStrings?
    private var packedLedgerKeys: PackedStrings?
    /// For conflicts: the records the row matched by key, and why it may not be any of them.
    public var conflict: ImportConflict? {
        get { details?.values.conflict }
        set { setDetail { $0.conflict = newValue } }
    }
    /// For a conflict decided in the run's `conflicts.yaml`: the decision this step carries out
    /// (`create`, `update ID`, `skip`), so a resumed run knows it was applied.
    public var decision: String? {
        get { details?.values.decision }
        set { setDetail { $0.decision = newValue } }
    }
    public var note: String? {
        get { details?.values.note }
        set { setDetail { $0.note = newValue } }
    }

    /// `body`; throws only when the spill file holding it cannot be read (see `spill(to:)`).
    public func loadBody() throws -> JSONObject? { try bodyText?.loadObject() }
    /// `matchKeys`; throws only when the spill file holding them cannot be read.
    public func loadMatchKeys() throws -> [String]? { try packedMatchKeys?.load() }
    /// `ledgerKeys`; throws only when the spill file holding them cannot be read.
    public func loadLedgerKeys() throws -> [String]? { try packedLedgerKeys?.load() }

    /// Moves the body and the key lists to `file`, where they wait until the plan is written or
    /// applied: a plan of a million steps then keeps in memory only what ordering, matching and
    /// the journal need (see `SpillFile`).
    mutating func spill(to file: SpillFile) throws {
        bodyText = try bodyText?.spilled(to: file)
        packedMatchKeys = try packedMatchKeys?.spilled(to: file)
        packedLedgerKeys = try packedLedgerKeys?.spilled(to: file)
    }

    /// The members most steps leave empty, out of line: a step of a million is a fifth smaller.
    private var details: StepDetails?

    private mutating func setDetail(_ change: (inout StepDetails.Values) -> Void) {
        var values = details?.values ?? StepDetails.Values()
        change(&values)
        details = values.isEmpty ? nil : StepDetails(values)
    }

    public init(id: Int, action: Action, entity: EntityKind) {
        self.id = id
        self.action = action
        self.entity = entity
    }

    enum CodingKeys: String, CodingKey {
        case id, action, entity, source, target, targetStep, links, expected, mergeSources, matchKeys, ledgerKeys
        case conflict, decision, note
        case bodyText = "body"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        action = try container.decode(Action.self, forKey: .action)
        entity = try container.decode(EntityKind.self, forKey: .entity)
        source = try container.decodeIfPresent(StepSource.self, forKey: .source)
        target = try container.decodeIfPresent(String.self, forKey: .target)
        targetStep = try container.decodeIfPresent(Int.self, forKey: .targetStep)
        bodyText = try container.decodeIfPresent(JSONText.self, forKey: .bodyText)
        links = try container.decodeIfPresent([StepLink].self, forKey: .links)
        matchKeys = try container.decodeIfPresent([String].self, forKey: .matchKeys)
        ledgerKeys = try container.decodeIfPresent([String].self, forKey: .ledgerKeys)
        let values = StepDetails.Values(
            expected: try container.decodeIfPresent(ExpectedRecord.self, forKey: .expected),
            mergeSources: try container.decodeIfPresent([ExpectedRecord].self, forKey: .mergeSources),
            conflict: try container.decodeIfPresent(ImportConflict.self, forKey: .conflict),
            decision: try container.decodeIfPresent(String.self, forKey: .decision),
            note: try container.decodeIfPresent(String.self, forKey: .note))
        details = values.isEmpty ? nil : StepDetails(values)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(action, forKey: .action)
        try container.encode(entity, forKey: .entity)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encodeIfPresent(targetStep, forKey: .targetStep)
        try container.encodeIfPresent(bodyText, forKey: .bodyText)
        try container.encodeIfPresent(links, forKey: .links)
        try container.encodeIfPresent(expected, forKey: .expected)
        try container.encodeIfPresent(mergeSources, forKey: .mergeSources)
        try container.encodeIfPresent(try loadMatchKeys(), forKey: .matchKeys)
        try container.encodeIfPresent(try loadLedgerKeys(), forKey: .ledgerKeys)
        try container.encodeIfPresent(conflict, forKey: .conflict)
        try container.encodeIfPresent(decision, forKey: .decision)
        try container.encodeIfPresent(note, forKey: .note)
    }

    /// Steps run in phases: tags, organizations, contacts, leads and opportunities, cases; a
    /// step that changes what another step of the same entity created runs after it.
    public var phase: Int { action == .createTag ? 0 : entity.dependencyOrder * 2 + (targetStep == nil ? 0 : 1) }
}

/// Where a step's row is. A row read from the plan's source keeps only its place there (line
/// and record number): whatever shows the row later reads it again from the file, whose SHA-256
/// the plan pins (`PlanSourceRows`). A plan of a million rows would otherwise hold every row
/// twice, as read and as the body built from it.
/// A step's members most steps leave empty (see `PlanStep.details`). Never changed once made: a
/// step that changes one of them gets a new one, so steps stay values.
final class StepDetails: Sendable {
    struct Values: Sendable {
        var expected: ExpectedRecord?
        var mergeSources: [ExpectedRecord]?
        var conflict: ImportConflict?
        var decision: String?
        var note: String?

        var isEmpty: Bool {
            expected == nil && mergeSources == nil && conflict == nil && decision == nil && note == nil
        }
    }

    let values: Values

    init(_ values: Values) { self.values = values }
}

public struct StepSource: Codable, Sendable, Hashable {
    public var file: String
    public var line: Int
    /// The record's number in the file (1-based, as the reader counts them): two records may
    /// start on one line of an XML file. Nil for rows not read from a file.
    public var record: Int?
    /// The row's field names and values in order, for rows that are not read back from the
    /// plan's source: records of another CRM (copy, restore), or `[]` for a row the reader could
    /// not read at all. Nil: read it from the source file.
    public var fields: [[String]]?

    public init(file: String, line: Int, fields: [[String]]) {
        self.file = file
        self.line = line
        self.fields = fields
    }

    /// A row of the plan's source, read back from the file when it is shown.
    public init(_ provenance: SourceProvenance) {
        self.file = provenance.file
        self.line = provenance.line
        self.record = provenance.record
    }

    /// A row the reader could not read: listed by its place, without values.
    public init(unread provenance: SourceProvenance) {
        self.init(provenance)
        fields = []
    }
}

public struct StepLink: Codable, Sendable, Hashable {
    public var field: String
    public var step: Int
    public init(field: String, step: Int) {
        self.field = field
        self.step = step
    }
}

/// A record as the plan saw it: id, `updatedOn`, and the values of the fields the step replaces.
public struct ExpectedRecord: Codable, Sendable, Hashable {
    public var id: String
    public var updatedOn: String?
    public var values: JSONObject?

    public init(id: String, updatedOn: String?, values: JSONObject? = nil) {
        self.id = id
        self.updatedOn = updatedOn
        self.values = values
    }
}

/// A record that was not planned, and why.
public struct RejectedRecord: Codable, Sendable {
    public var source: StepSource
    public var reasons: [String]
    public init(source: StepSource, reasons: [String]) {
        self.source = source
        self.reasons = reasons
    }
}

extension EntityKind {
    /// Referenced records first: organizations, contacts, then leads and opportunities, then cases.
    public var dependencyOrder: Int {
        switch self {
        case .organization: 1
        case .contact: 2
        case .lead, .opportunity: 3
        case .case: 4
        }
    }
}
