import CRMDedupe
import CRMImport
import CRMModel

/// Turns validated drafts into plan steps. Each draft is matched first against the rows before
/// it in the same file (so a repeated row never creates twice), then against the records in the
/// CRM by the mapping's match keys, alternative by alternative.
///
/// For people and organizations a key only finds candidates; whether the row *is* a candidate is
/// decided by the identity model (`IdentityModel`, the one `crmkit dedupe` uses) on the evidence of
/// every field both sides have. A row folds into an earlier row, updates a record or merges
/// records only when the model says "same" (`link`); a row that matches a CRM record by key while
/// the evidence disagrees is a `conflict`, written only as `onConflict` says. Rows of other
/// entities are matched by their keys alone. No match creates.
public struct ImportPlanner {
    public let mapping: Mapping
    /// What to do with conflicts (the command line's choice, else the mapping's, else skip).
    public let onConflict: ConflictPolicy
    let normalizer: MatchKeyNormalizer
    let diff: RecordDiff
    let state: CRMState
    let identity: IdentityRecords
    public internal(set) var steps: [PlanStep] = []
    public internal(set) var rejected: [RejectedRecord] = []
    public private(set) var columns: [String] = []
    private var knownColumns = Set<String>()

    /// CRM records by match-key string.
    var existingIndex = KeyIndex()
    /// Match-key string → the steps of this file that hold a record with that key, oldest first.
    var fileIndex = KeyIndex()
    /// The record as it will be after each owning step (what later repeats are compared with),
    /// as text in the spill file: a repeat reads it, lays its values over it and writes it again.
    var effective: [Int: JSONText] = [:]
    /// The record each owning step starts from: as the CRM holds it (after the merge, for
    /// merges), or empty for creates (in the spill file too).
    var originals: [Int: JSONText] = [:]
    /// Owning steps that later rows repeat; `plan` folds the repeats into them.
    var repeated: Set<Int> = []
    /// The owning step that updates or merges each CRM record (by position in `state.records`):
    /// a later row found to be that record folds into it, whichever key found it, so the record
    /// is written once with the file's last word, as when the rows are new.
    var stepsByRecord: [Int: Int] = [:]
    /// Every e-mail and phone of CRM records and of this file's steps, whatever the mapping's
    /// keys: candidates the identity model may recognise as the row's record (a second export
    /// with a nickname and no e-mail still carries the phone). Used only to find the same record,
    /// never to declare a conflict.
    let identityKeys: MatchKeyNormalizer
    var identityExisting = KeyIndex()
    var identityFile = KeyIndex()
    /// The employer named by each owning step's row when the import creates it (for identity).
    var pendingOrganizations: [Int: String] = [:]
    /// The names in `pendingOrganizations`, each once.
    var employerNames = Set<String>()
    /// The rows each owning step holds (its own and those folded into it), as the identity model
    /// sees them. A later row is judged against each of them as well as the record folded so far:
    /// the folded record changes with every row (last row wins), and a row that is one of them is
    /// this record whichever row happened to come last.
    var foldedRows: [Int: [DedupeRecord]] = [:]
    /// The external ids (keys of match rules on `extras`) of the rows each owning step holds, by
    /// rule: a row with another id under the same rule is another record (`ExternalIDs`).
    var externalIDs: [Int: ExternalIDs] = [:]
    /// The same for CRM records, from the key ledger (ledger keys), by record id.
    var recordExternalIDs: [String: ExternalIDs] = [:]
    private var organizationSteps: [String: Int] = [:]
    private var contactSteps: [String: Int] = [:]
    private var tagSteps: [String: Int] = [:]

    /// Where decided steps' bodies and key lists go (`SpillFile`), made with the first step;
    /// `spillChunkBytes` nil keeps them in memory.
    private var spill: SpillFile?
    let spillChunkBytes: Int?
    /// The first error writing to the spill file, thrown by `plan` (the steps after it stay in memory).
    private var spillError: (any Error)?

    /// Ledger key → record id, from earlier runs into this CRM (`KeyLedger`).
    let ledger: [String: String]
    var recordIndex: [String: Int] = [:]

    /// Rows waiting to be planned: people and organizations are planned once every row has been
    /// read, because the identity model weighs an agreement by how common the value is in the
    /// file and the CRM together. Valid rows wait in a temporary file (`QueuedRows`); rows
    /// refused wait here with their position among all rows, so the plan keeps file order.
    private var waiting: QueuedRows?
    private var waitingRejects: [(position: Int, source: StepSource, reasons: [String])] = []
    private var queued = 0
    /// The first error writing the waiting rows, thrown by `plan`.
    private var waitingError: (any Error)?
    var frequencies = ValueFrequencies()
    /// The identity model, made from the frequencies once every row is counted.
    var model: IdentityModel?
    /// CRM records as the identity model sees them, by position in `state.records`.
    var crmIdentities: [DedupeRecord] = []

    /// Records earlier runs wrote from rows of this file (found by their fingerprints): counted
    /// once, as the file's rows, so a re-import weighs the evidence as the first import did.
    private var writtenFromThisFile = Set<String>()
    /// Rows without key values and keys shared by rows, for the plan's warnings.
    var keyWarnings = MatchKeyWarnings()
    /// References by external id that named no known record: the values dropped from rows that
    /// went on without them, and how many rows were rejected for one (for the run's account).
    public private(set) var unresolvedReferences: (dropped: [RecordProblem], rejected: Int) = ([], 0)

    /// `spillChunkBytes`: how much of the steps' bodies is collected before it is written to the
    /// spill file (nil: bodies stay in memory).
    public init(
        mapping: Mapping, state: CRMState, ledger: [String: String] = [:], onConflict: ConflictPolicy? = nil,
        spillChunkBytes: Int? = SpillFile.defaultChunkBytes
    ) {
        self.mapping = mapping
        self.spillChunkBytes = spillChunkBytes
        self.state = state
        self.ledger = ledger
        self.onConflict = onConflict ?? mapping.onConflict ?? .skip
        normalizer = MatchKeyNormalizer(rules: mapping.matchKeys.map(\.targets), defaultRegion: mapping.defaults.region)
        identityKeys = MatchKeyNormalizer(rules: [["email"], ["phone"]], defaultRegion: mapping.defaults.region)
        diff = RecordDiff(defaultRegion: mapping.defaults.region)
        identity = IdentityRecords(entity: mapping.entity, organizationNames: state.organizationNames)
        let externalRules = normalizer.rules.indices.filter { !MatchKeyNormalizer.isCRMSide(normalizer.rules[$0]) }
        for (key, id) in ledger where id != KeyLedger.leftAlone {
            for rule in externalRules where key.hasPrefix(normalizer.rules[rule].joined(separator: "+") + "\u{1F}") {
                recordExternalIDs[id, default: [:]][rule, default: []].insert(key)
            }
        }
        for (index, record) in state.records.enumerated() {
            if let id = record["id"].map(MatchKeyNormalizer.text) { recordIndex[id] = index }
            for (_, key) in normalizer.keys(of: record, crmSide: true) { existingIndex.append(index, to: key) }
        }
        if IdentityRecords.judges(mapping.entity) {
            for (index, record) in state.records.enumerated() {
                for (_, key) in identityKeys.keys(of: record, crmSide: true) {
                    identityExisting.append(index, to: key)
                }
            }
            crmIdentities = state.records.enumerated().map { identity.record($0.element, index: $0.offset) }
        }
    }

    /// Rows kept with values altered or dropped, and what happened to each (see `ImportPlan.altered`).
    private var altered: [RejectedRecord] = []

    /// Notes a value the reader altered or dropped in a row it kept.
    public mutating func alter(_ provenance: SourceProvenance, reason: String) {
        altered.append(RejectedRecord(source: StepSource(unread: provenance), reasons: [reason]))
    }

    /// Records a row the reader or the validator refused. A record without fields is one the
    /// reader could not read: listed without values, as there is nothing to read back.
    public mutating func reject(_ record: SourceRecord, reasons: [String]) {
        noteColumns(record)
        let source = record.isEmpty ? StepSource(unread: record.provenance) : StepSource(record.provenance)
        waitingRejects.append((queued, source, reasons))
        queued += 1
    }

    /// Takes one draft; it is planned when the plan is made.
    public mutating func add(_ validated: ValidatedDraft) {
        noteColumns(validated.draft.source)
        if validated.isValid && !validated.draft.dropped.isEmpty {
            altered.append(
                RejectedRecord(
                    source: StepSource(validated.draft.provenance),
                    reasons: validated.draft.dropped.map { "dropped: \($0)" }))
        }
        guard validated.isValid else {
            waitingRejects.append(
                (queued, StepSource(validated.draft.provenance), validated.problems.map(\.description)))
            queued += 1
            return
        }
        let fingerprint = RowFingerprint.key(validated)
        if IdentityRecords.judges(validated.draft.entity) {
            frequencies.count(
                identity.record(
                    validated.body, index: -1, pendingOrganization: pendingOrganization(validated.pendingReferences)))
            if let id = ledger[fingerprint] { writtenFromThisFile.insert(id) }
        }
        queued += 1
        guard waitingError == nil else { return }
        do {
            if waiting == nil { waiting = try QueuedRows() }
            try waiting?.append(QueuedRow(validated, fingerprint: fingerprint))
        } catch {
            waitingError = error
        }
    }

    /// The plan, ordered as it will be applied (phase, then file order).
    public mutating func plan(createdAt: String, source: FileStamp, mapping: FileStamp, target: String) throws
        -> ImportPlan
    {
        if let waitingError { throw waitingError }
        if queued > 0 {
            for (record, identity) in zip(state.records, crmIdentities)
            where !writtenFromThisFile.contains(record["id"].map(MatchKeyNormalizer.text) ?? "") {
                frequencies.count(identity)
            }
            model = IdentityModel(
                kind: self.mapping.entity == .organization ? .organization : .person, frequencies: frequencies)
            // Valid rows come back from their file in order; refused rows are put back between
            // them at their positions.
            let rejects = waitingRejects
            waitingRejects = []
            var nextReject = 0
            var position = 0
            /// The refused rows at the current position and right after it (every one left, with `all`).
            func takeRejects(all: Bool = false) -> [RejectedRecord] {
                var found: [RejectedRecord] = []
                while nextReject < rejects.count, all || rejects[nextReject].position == position {
                    found.append(
                        RejectedRecord(source: rejects[nextReject].source, reasons: rejects[nextReject].reasons))
                    nextReject += 1
                    position += 1
                }
                return found
            }
            try waiting?.forEach { row in
                rejected += takeRejects()
                planRow(row)
                position += 1
            }
            waiting = nil
            rejected += takeRejects(all: true)
        }
        // The steps are handed over, not copied: a copy of a million steps is hundreds of MB.
        var ordered = steps
        steps = []
        fold(&ordered)
        if let spillError { throw spillError }
        try spill?.checkReads()
        Self.removeUnlinkedReferences(&ordered)
        ordered.sort { ($0.phase, $0.id) < ($1.phase, $1.id) }
        var plan = ImportPlan(
            createdAt: createdAt, entity: self.mapping.entity, source: source, mapping: mapping, target: target,
            columns: columns, steps: ordered, rejected: rejected)
        plan.altered = altered.isEmpty ? nil : altered
        plan.matchRules = normalizer.rules
        plan.region = self.mapping.defaults.region
        let warnings = keyWarnings.messages(matchKeys: self.mapping.matchKeys)
        plan.warnings = warnings.isEmpty ? nil : warnings
        return plan
    }

    /// The employer a row names by an organization reference (resolved or to be created): by
    /// name, or by the name of the organization its external id names.
    func pendingOrganization(_ references: [DraftReference]) -> String? {
        guard let reference = references.first(where: { $0.kind == .organization }) else {
            return nil
        }
        guard reference.externalID != nil else { return reference.value }
        return state.externalIDs.record(for: reference).flatMap { state.organizationNames[$0] }
    }

    private mutating func planRow(_ queued: QueuedRow) {
        let fingerprint = queued.fingerprint
        var body = queued.body
        var links: [StepLink] = []
        var referenceKeys: [String: String] = [:]
        var problems: [String] = []
        var dropped: [RecordProblem] = []
        var unresolvedRejects = false
        let line = queued.provenance.line
        for reference in queued.references {
            if reference.externalID != nil {
                if let id = state.externalIDs.record(for: reference) {
                    body[reference.field] = .string(id)
                } else {
                    let problem = state.externalIDs.unresolved(reference, at: queued.provenance)
                    if reference.dropsIfUnresolved {
                        dropped.append(problem)
                    } else {
                        problems.append(problem.description)
                        unresolvedRejects = true
                    }
                }
                continue
            }
            switch reference.kind {
            case .organization:
                let name = MatchKeyNormalizer.fold(reference.value)
                if let id = state.organizationsByName[name] {
                    body[reference.field] = .string(id)
                } else if reference.createIfMissing {
                    links.append(
                        StepLink(
                            field: reference.field,
                            step: referenceStep(
                                .organization, key: name, line: line, body: ["name": .string(reference.value)])))
                    referenceKeys[reference.field] = "new:" + name
                } else {
                    problems.append(
                        "\(queued.provenance): \(reference.field): no organization is named "
                            + "'\(reference.value)' (add `create: true` to the mapping to create it)"
                    )
                }
            case .contact:
                let email = reference.value.lowercased()
                if let id = state.contactsByEmail[email] {
                    body[reference.field] = .string(id)
                } else if reference.createIfMissing {
                    let contact: JSONObject = [
                        "name": .string(reference.value),
                        "email": [["label": "Work", "value": .string(reference.value), "primary": true]],
                    ]
                    links.append(
                        StepLink(
                            field: reference.field, step: referenceStep(.contact, key: email, line: line, body: contact)
                        ))
                    referenceKeys[reference.field] = "new:" + email
                } else {
                    problems.append(
                        "\(queued.provenance): \(reference.field): no contact has the e-mail "
                            + "'\(reference.value)' (add `create: true` to the mapping to create it)"
                    )
                }
            case .tag:
                let label = reference.value
                if tagSteps[label.lowercased()] == nil {
                    var step = PlanStep(id: steps.count, action: .createTag, entity: queued.entity)
                    step.body = ["label": .string(label)]
                    step.note = "tag used from line \(line)"
                    tagSteps[label.lowercased()] = step.id
                    keep(step)
                }
                body["tags"] = .array((body["tags"]?.arrayValue ?? []) + [.string(label)])
            case .stage, .caseType, .caseStatus:
                continue
            }
        }
        guard problems.isEmpty else {
            if unresolvedRejects { unresolvedReferences.rejected += 1 }
            rejected.append(RejectedRecord(source: StepSource(queued.provenance), reasons: problems))
            return
        }
        if !dropped.isEmpty {
            unresolvedReferences.dropped += dropped
            altered.append(
                RejectedRecord(
                    source: StepSource(queued.provenance), reasons: dropped.map { "dropped: \($0)" }))
        }
        let keys = normalizer.keys(of: body, extras: queued.extras, references: referenceKeys, crmSide: false)
        var step = PlanStep(id: steps.count, action: .create, entity: queued.entity)
        step.source = StepSource(queued.provenance)
        step.links = links.isEmpty ? nil : links
        step.ledgerKeys =
            keys.filter { !MatchKeyNormalizer.isCRMSide(normalizer.rules[$0.rule]) }
            .map { normalizer.ledgerKey(rule: $0.rule, key: $0.key) } + (dropped.isEmpty ? [fingerprint] : [])
        let row = RowToMatch(body: body, keys: keys, pendingOrganization: pendingOrganization(queued.references))
        if let id = ledger[fingerprint], let index = recordIndex[id] {
            // This very row was written into this record by an earlier run, its references too
            // (or a later row's replaced them then): nothing to link, nothing to create.
            step.links = nil
            planUpdate(&step, existing: state.records[index], body: [:])
            step.note = "imported into \(step.entity.rawValue) \(id) by an earlier run (same row, unchanged)"
            claim(keys.map(\.key), for: step.id)
            finish(step)
            return
        }
        keyWarnings.noteKeys(
            keys, line: queued.provenance.line, stepID: step.id,
            extras: queued.extras, mapping: mapping)
        var result = match(row)
        if let owner = keptApartFrom(result, extras: queued.extras) {
            keyWarnings.keptApart(
                line: queued.provenance.line, ownerLine: steps[owner].source?.line ?? 0,
                mapping: mapping)
            result = .new(notes: [])
        }
        if ledger[fingerprint] == KeyLedger.leftAlone, onConflict == .skip, let candidates = stillAConflict(result, row)
        {
            result = .conflict(candidates)
        }
        switch result {
        case .repeats(let owner):
            keyWarnings.noteFold(
                line: queued.provenance.line, owner: owner,
                ownerLine: steps[owner].source?.line ?? 0, extras: queued.extras)
            planRepeat(&step, of: owner, row: row)
            claim(keys.map(\.key), for: owner)
        case .existing(let candidates):
            planExisting(&step, candidates: candidates, row: row)
        case .conflict(let candidates):
            planConflict(&step, candidates: candidates, row: row)
        case .new(let notes):
            planCreate(&step, row: row)
            if !notes.isEmpty { step.note = notes.joined(separator: "; ") }
        case .ambiguousEntity(let ids):
            rejected.append(
                RejectedRecord(
                    source: StepSource(queued.provenance),
                    reasons: [
                        "\(queued.provenance): matches \(ids.count) existing "
                            + "\(queued.entity.rawValue) records (\(ids.joined(separator: ", "))), "
                            + "which the API cannot merge: make the match keys stricter or remove the duplicates first"
                    ]))
            return
        }
        finish(step, rowBody: row.body)
    }

    /// Claims the keys of the record a step writes (so later rows find it) and adds the step.
    /// `rowBody`: the row's body, which a create's record is (saves parsing the step's).
    private mutating func finish(_ step: PlanStep, rowBody: JSONObject? = nil) {
        let owner = step.targetStep ?? step.id
        // A create is not in `steps` yet: its record is its body.
        let record =
            owner == step.id && step.action == .create && step.source != nil
            ? rowBody ?? step.body : effectiveRecord(owner)
        if step.action != .conflict, let record {
            claim(normalizer.keys(of: record, crmSide: true).map(\.key), for: owner)
            if IdentityRecords.judges(mapping.entity) {
                for (_, key) in identityKeys.keys(of: record, crmSide: true)
                where !identityFile.contains(owner, under: key) {
                    identityFile.append(owner, to: key)
                }
            }
        }
        keep(step)
    }

    /// Adds a decided step to the plan (see `spilled`).
    private mutating func keep(_ step: PlanStep) {
        steps.append(spilled(step))
    }

    /// `record` as text, moved to the spill file (kept in memory without one, or should the file
    /// fail: the error is thrown by `plan`).
    mutating func spilledText(_ record: JSONObject) -> JSONText {
        moved(JSONText(record)) { text, file in try text.spilled(to: file) }
    }

    /// The step with its body and key lists moved to the spill file: later rows read its body
    /// back only when they repeat its record, and the plan file is written from there. A step
    /// the file cannot take stays as it is (the error is thrown by `plan`).
    mutating func spilled(_ step: PlanStep) -> PlanStep {
        moved(step) { step, file in
            var moved = step
            try moved.spill(to: file)
            return moved
        }
    }

    /// `value` as `move` leaves it in the spill file; `value` itself without a spill file, or
    /// when moving fails (kept in `spillError` for `plan` to throw).
    private mutating func moved<Value>(_ value: Value, _ move: (Value, SpillFile) throws -> Value) -> Value {
        do {
            guard let file = try spillFile() else { return value }
            return try move(value, file)
        } catch {
            spillError = error
            return value
        }
    }

    /// The spill file, made on first use; nil when bodies stay in memory (`spillChunkBytes` nil)
    /// or once writing to it failed.
    private mutating func spillFile() throws -> SpillFile? {
        guard let spillChunkBytes, spillError == nil else { return nil }
        let file = try spill ?? SpillFile(chunkBytes: spillChunkBytes)
        spill = file
        return file
    }

    /// The step creating a referenced organization or contact, shared by every row naming it.
    private mutating func referenceStep(_ entity: EntityKind, key: String, line: Int, body: JSONObject) -> Int {
        if let existing = entity == .organization ? organizationSteps[key] : contactSteps[key] { return existing }
        var step = PlanStep(id: steps.count, action: .create, entity: entity)
        step.body = body
        step.note = "referenced from line \(line)"
        keep(step)
        if entity == .organization { organizationSteps[key] = step.id } else { contactSteps[key] = step.id }
        return step.id
    }

    mutating func claim(_ keys: [String], for step: Int) {
        for key in keys where !fileIndex.contains(step, under: key) { fileIndex.append(step, to: key) }
    }

    private mutating func noteColumns(_ record: SourceRecord) {
        for name in record.names where knownColumns.insert(name).inserted { columns.append(name) }
    }
}

/// External ids by match rule (its index in the mapping's `matchKeys`).
typealias ExternalIDs = [Int: Set<String>]

/// A row's body and keys as the matcher needs them.
struct RowToMatch {
    var body: JSONObject
    var keys: [(rule: Int, key: String)]
    var pendingOrganization: String?
}
