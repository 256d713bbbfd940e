import CRMImport
import CRMModel

/// Turns validated drafts into plan steps. Each draft is matched first against the rows before
/// it in the same file (so a repeated row never creates twice), then against the records in the
/// CRM by the mapping's match keys, alternative by alternative: the first alternative that finds
/// anything decides. No match creates; one match updates (only differing fields) or skips;
/// several matches merge them into the oldest, then update it.
public struct ImportPlanner {
    public let mapping: Mapping
    let normalizer: MatchKeyNormalizer
    let diff: RecordDiff
    let state: CRMState
    public private(set) var steps: [PlanStep] = []
    public private(set) var rejected: [RejectedRecord] = []
    public private(set) var columns: [String] = []
    private var knownColumns = Set<String>()

    /// CRM records by match-key string.
    private var existingIndex: [String: [Int]] = [:]
    /// Match-key string → the first step of this file that claimed it.
    private var fileIndex: [String: Int] = [:]
    /// The record as it will be after each owning step (what later repeats are compared with).
    private var effective: [Int: JSONObject] = [:]
    /// The record each owning step starts from: as the CRM holds it (after the merge, for
    /// merges), or empty for creates.
    private var originals: [Int: JSONObject] = [:]
    /// Owning steps that later rows repeat; `plan` folds the repeats into them.
    private var repeated: Set<Int> = []
    private var organizationSteps: [String: Int] = [:]
    private var contactSteps: [String: Int] = [:]
    private var tagSteps: [String: Int] = [:]

    /// Ledger key → record id, from earlier runs into this CRM (`KeyLedger`).
    let ledger: [String: String]
    private var recordIndex: [String: Int] = [:]

    public init(mapping: Mapping, state: CRMState, ledger: [String: String] = [:]) {
        self.mapping = mapping
        self.state = state
        self.ledger = ledger
        normalizer = MatchKeyNormalizer(rules: mapping.matchKeys.map(\.targets), defaultRegion: mapping.defaults.region)
        diff = RecordDiff(defaultRegion: mapping.defaults.region)
        for (index, record) in state.records.enumerated() {
            if let id = record["id"].map(MatchKeyNormalizer.text) { recordIndex[id] = index }
            for (_, key) in normalizer.keys(of: record, crmSide: true) { existingIndex[key, default: []].append(index) }
        }
    }

    /// Records a row the reader or the validator refused.
    public mutating func reject(_ record: SourceRecord, reasons: [String]) {
        noteColumns(record)
        rejected.append(RejectedRecord(source: StepSource(record), reasons: reasons))
    }

    /// Plans one valid draft.
    public mutating func add(_ validated: ValidatedDraft) {
        noteColumns(validated.draft.source)
        guard validated.isValid else {
            reject(validated.draft.source, reasons: validated.problems.map(\.description))
            return
        }
        var body = validated.body
        var links: [StepLink] = []
        var referenceKeys: [String: String] = [:]
        var problems: [String] = []
        let line = validated.draft.provenance.line
        for reference in validated.pendingReferences {
            switch reference.kind {
            case .organization:
                let name = MatchKeyNormalizer.fold(reference.value)
                if let id = state.organizationsByName[name] {
                    body[reference.field] = .string(id)
                } else if reference.createIfMissing {
                    links.append(StepLink(field: reference.field, step: referenceStep(.organization, key: name, line: line, body: ["name": .string(reference.value)])))
                    referenceKeys[reference.field] = "new:" + name
                } else {
                    problems.append("\(validated.draft.provenance): \(reference.field): no organization is named '\(reference.value)' (add `create: true` to the mapping to create it)")
                }
            case .contact:
                let email = reference.value.lowercased()
                if let id = state.contactsByEmail[email] {
                    body[reference.field] = .string(id)
                } else if reference.createIfMissing {
                    let contact: JSONObject = ["name": .string(reference.value),
                                               "email": [["label": "Work", "value": .string(reference.value), "primary": true]]]
                    links.append(StepLink(field: reference.field, step: referenceStep(.contact, key: email, line: line, body: contact)))
                    referenceKeys[reference.field] = "new:" + email
                } else {
                    problems.append("\(validated.draft.provenance): \(reference.field): no contact has the e-mail '\(reference.value)' (add `create: true` to the mapping to create it)")
                }
            case .tag:
                let label = reference.value
                if tagSteps[label.lowercased()] == nil {
                    var step = PlanStep(id: steps.count, action: .createTag, entity: validated.draft.entity)
                    step.body = ["label": .string(label)]
                    step.note = "tag used from line \(line)"
                    tagSteps[label.lowercased()] = step.id
                    steps.append(step)
                }
                body["tags"] = .array((body["tags"]?.arrayValue ?? []) + [.string(label)])
            case .stage, .caseType, .caseStatus:
                continue
            }
        }
        guard problems.isEmpty else {
            rejected.append(RejectedRecord(source: StepSource(validated.draft.source), reasons: problems))
            return
        }
        let keys = normalizer.keys(of: body, extras: validated.draft.extras, references: referenceKeys, crmSide: false)
        var step = PlanStep(id: steps.count, action: .create, entity: validated.draft.entity)
        step.source = StepSource(validated.draft.source)
        step.links = links.isEmpty ? nil : links
        let ledgerKeys = keys.filter { !MatchKeyNormalizer.isCRMSide(normalizer.rules[$0.rule]) }
            .map { normalizer.ledgerKey(rule: $0.rule, key: $0.key) }
        step.ledgerKeys = ledgerKeys.isEmpty ? nil : ledgerKeys
        let index = fileIndex
        if let owner = keys.lazy.compactMap({ index[$0.key] }).first {
            planRepeat(&step, of: owner, body: body)
        } else {
            let candidates = existingMatches(keys)
            switch candidates.count {
            case 0:
                step.body = body
                step.matchKeys = keys.filter { MatchKeyNormalizer.isCRMSide(normalizer.rules[$0.rule]) }.map(\.key)
                effective[step.id] = body
            case 1:
                planUpdate(&step, existing: state.records[candidates[0]], body: body)
            default:
                guard validated.draft.entity == .contact || validated.draft.entity == .organization else {
                    let ids = candidates.compactMap { state.records[$0]["id"].map(MatchKeyNormalizer.text) }
                    rejected.append(RejectedRecord(source: StepSource(validated.draft.source), reasons: [
                        "\(validated.draft.provenance): matches \(ids.count) existing \(validated.draft.entity.rawValue) records (\(ids.joined(separator: ", "))), "
                            + "which the API cannot merge: make the match keys stricter or remove the duplicates first"]))
                    return
                }
                planMerge(&step, records: candidates.map { state.records[$0] }, body: body)
            }
            claim(keys.map(\.key), for: step.id)
        }
        if let record = effective[step.targetStep ?? step.id] {
            claim(normalizer.keys(of: record, crmSide: true).map(\.key), for: step.targetStep ?? step.id)
        }
        steps.append(step)
    }

    /// The plan, ordered as it will be applied (phase, then file order).
    public func plan(createdAt: String, source: FileStamp, mapping: FileStamp, target: String) -> ImportPlan {
        var plan = ImportPlan(createdAt: createdAt, entity: self.mapping.entity, source: source, mapping: mapping, target: target,
                              columns: columns, steps: folded().sorted { ($0.phase, $0.id) < ($1.phase, $1.id) }, rejected: rejected)
        plan.matchRules = normalizer.rules
        plan.region = self.mapping.defaults.region
        return plan
    }

    /// A row repeating an earlier one (same match key) is folded into the earlier row's step:
    /// its values are laid over the record that step produces, last row winning, and the step
    /// itself becomes a skip. One write per record, and a re-import of the same file compares the
    /// CRM with the file's final word on each record, so it plans only skips.
    private mutating func planRepeat(_ step: inout PlanStep, of owner: Int, body: JSONObject) {
        let current = effective[owner] ?? [:]
        effective[owner] = RecordDiff.applying(diff.patch(from: current, to: body), to: current)
        repeated.insert(owner)
        step.action = .skip
        step.targetStep = owner
        step.target = steps[owner].target
        step.note = "repeats line \(steps[owner].source?.line ?? 0); folded into its step"
        if let links = step.links {
            var merged = steps[owner].links ?? []
            for link in links {
                merged.removeAll { $0.field == link.field }
                merged.append(link)
            }
            steps[owner].links = merged
            step.links = nil
        }
    }

    /// The owning steps rewritten to carry what their repeats added.
    private func folded() -> [PlanStep] {
        var result = steps
        for owner in repeated {
            guard let final = effective[owner] else { continue }
            var step = result[owner]
            if step.action == .create {
                step.body = final
                result[owner] = step
                continue
            }
            let original = originals[owner] ?? [:]
            let patch = diff.patch(from: original, to: final)
            if step.action != .merge { step.action = patch.isEmpty ? .skip : .update }
            step.body = patch.isEmpty && step.action != .merge ? nil : patch
            step.expected?.values = patch.isEmpty ? nil : RecordDiff.before(original, patch: patch)
            result[owner] = step
        }
        return result
    }

    private mutating func planUpdate(_ step: inout PlanStep, existing: JSONObject, body: JSONObject) {
        let id = existing["id"].map(MatchKeyNormalizer.text) ?? ""
        let patch = diff.patch(from: existing, to: body)
        step.target = id
        if patch.isEmpty {
            step.action = .skip
            step.expected = ExpectedRecord(id: id, updatedOn: existing["updatedOn"]?.stringValue)
        } else {
            step.action = .update
            step.body = patch
            step.expected = ExpectedRecord(id: id, updatedOn: existing["updatedOn"]?.stringValue, values: RecordDiff.before(existing, patch: patch))
        }
        effective[step.id] = RecordDiff.applying(patch, to: existing)
        originals[step.id] = existing
    }

    private mutating func planMerge(_ step: inout PlanStep, records: [JSONObject], body: JSONObject) {
        let ordered = records.sorted(by: RecordOrder.oldestFirst)
        let survivor = ordered[0]
        let sources = Array(ordered.dropFirst().prefix(100))
        let merged = diff.merged(survivor, sources)
        let patch = diff.patch(from: merged, to: body)
        let id = survivor["id"].map(MatchKeyNormalizer.text) ?? ""
        step.action = .merge
        step.target = id
        step.body = patch
        step.expected = ExpectedRecord(id: id, updatedOn: survivor["updatedOn"]?.stringValue, values: RecordDiff.before(merged, patch: patch))
        step.mergeSources = sources.map { ExpectedRecord(id: $0["id"].map(MatchKeyNormalizer.text) ?? "", updatedOn: $0["updatedOn"]?.stringValue) }
        effective[step.id] = RecordDiff.applying(patch, to: merged)
        originals[step.id] = merged
        for source in sources {
            claim(normalizer.keys(of: source, crmSide: true).map(\.key), for: step.id)
        }
    }

    /// CRM records matched by the first key alternative that matches any, oldest first.
    private func existingMatches(_ keys: [(rule: Int, key: String)]) -> [Int] {
        for rule in normalizer.rules.indices {
            var found: [Int] = []
            for key in keys where key.rule == rule {
                found += existingIndex[key.key] ?? []
                if let id = ledger[normalizer.ledgerKey(rule: rule, key: key.key)], let index = recordIndex[id] { found.append(index) }
            }
            if !found.isEmpty { return found.uniqued() }
        }
        return []
    }

    private mutating func claim(_ keys: [String], for step: Int) {
        for key in keys where fileIndex[key] == nil { fileIndex[key] = step }
    }

    /// The step creating a referenced organization or contact, shared by every row naming it.
    private mutating func referenceStep(_ entity: EntityKind, key: String, line: Int, body: JSONObject) -> Int {
        if let existing = entity == .organization ? organizationSteps[key] : contactSteps[key] { return existing }
        var step = PlanStep(id: steps.count, action: .create, entity: entity)
        step.body = body
        step.note = "referenced from line \(line)"
        steps.append(step)
        if entity == .organization { organizationSteps[key] = step.id } else { contactSteps[key] = step.id }
        return step.id
    }

    private mutating func noteColumns(_ record: SourceRecord) {
        for field in record.fields where knownColumns.insert(field.name).inserted { columns.append(field.name) }
    }
}
