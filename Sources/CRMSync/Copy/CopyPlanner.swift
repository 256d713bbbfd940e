import CRMDedupe
import CRMModel

/// Plans a CRM-to-CRM copy: each source record, in dependency order, is looked for in the target
/// the way an import looks for a row's record (the identity model for people and organizations,
/// title and links for the others) and becomes a skip (the target holds every value), an update
/// (only adding, as an import does), a create, or a conflict left alone (found by e-mail or phone,
/// but the evidence does not confirm it is the same: as an import, a key match is never silently
/// overruled). References become the target's ids, or links to
/// the steps creating them. Running a copy again therefore plans only skips.
struct CopyPlanner {
    let translation: RecordTranslation
    private let diff = RecordDiff(defaultRegion: "US")
    private var targets: [EntityKind: TargetRecords] = [:]
    private var models: [EntityKind: IdentityModel] = [:]
    private(set) var steps: [PlanStep] = []
    private(set) var altered: [RejectedRecord] = []
    private(set) var archivedLeads: [Int] = []
    /// Where each source record is in the target: an existing id, the step creating it, or
    /// nowhere (left alone as a conflict).
    private var resolved: [EntityKind: [String: Resolution]] = [:]
    /// Source organization id → name: the employer a source contact is judged with.
    private var sourceOrganizationNames: [String: String] = [:]

    enum Resolution {
        case existing(String)
        case step(Int)
        case leftAlone
    }

    /// Members the target sets on every write: never a reason to update.
    static let bookkeeping: Set<String> = ["creator", "lastUpdatedBy"]

    init(translation: RecordTranslation) {
        self.translation = translation
    }

    /// How common each value is in both CRMs, per entity, until its model is made.
    private var frequencies: [EntityKind: ValueFrequencies] = [:]

    /// The target's records of `entity`, before its source records are counted and added.
    mutating func target(_ entity: EntityKind, records: [JSONObject], organizationNames: [String: String]) {
        let index = TargetRecords(entity: entity, records: records, organizationNames: organizationNames)
        targets[entity] = index
        guard IdentityRecords.judges(entity) else { return }
        var counted = ValueFrequencies()
        for identity in index.identities { counted.count(identity) }
        frequencies[entity] = counted
    }

    /// Counts a source record, so the identity model weighs an agreement by how common the value
    /// is in both CRMs (as an import counts the file and the CRM). All are counted before any is added.
    mutating func count(_ record: JSONObject, entity: EntityKind) {
        guard IdentityRecords.judges(entity) else { return }
        if entity == .organization, let id = record["id"].flatMap(RecordTranslation.text),
            let name = record["name"]?.stringValue
        {
            sourceOrganizationNames[id] = name
        }
        let identity = IdentityRecords(entity: entity, organizationNames: sourceOrganizationNames)
        frequencies[entity, default: ValueFrequencies()].count(identity.record(record, index: 0))
    }

    mutating func add(_ record: JSONObject, entity: EntityKind, file: String, line: Int) {
        let id = record["id"].flatMap(RecordTranslation.text) ?? ""
        if models[entity] == nil, IdentityRecords.judges(entity) {
            models[entity] = IdentityModel(
                kind: entity == .organization ? .organization : .person,
                frequencies: frequencies[entity] ?? ValueFrequencies())
            frequencies[entity] = nil
        }
        let translated = translation.translate(record, entity: entity)
        var step = PlanStep(id: steps.count, action: .create, entity: entity)
        step.source = StepSource(file: file, line: line, fields: [["id", id]])
        var body = translated.body
        var links: [StepLink] = []
        var linkKeys: [String: String] = [:]
        var lost = translated.lost
        for link in translated.links {
            switch resolved[link.entity]?[link.id] {
            case .existing(let target):
                body[link.field] = .string(target)
                linkKeys[link.field] = "id:" + target
            case .step(let owner):
                links.append(StepLink(field: link.field, step: owner))
                linkKeys[link.field] = "step:\(owner)"
            case .leftAlone:
                lost.append(
                    "\(link.field): \(link.entity.rawValue) \(link.id) was left alone as a conflict; left empty")
            case nil:
                lost.append(
                    "\(link.field): \(link.entity.rawValue) \(link.id) is not among the records copied; left empty")
            }
        }
        let pendingOrganization = record["organizationId"].flatMap(RecordTranslation.text).flatMap {
            sourceOrganizationNames[$0]
        }
        switch find(body, entity: entity, links: linkKeys, pendingOrganization: pendingOrganization) {
        case .found(let existing):
            let targetID = existing["id"].flatMap(RecordTranslation.text) ?? ""
            let patch = diff.patch(from: existing, to: body.filter { !Self.bookkeeping.contains($0.key) })
            step.target = targetID
            if patch.isEmpty && links.isEmpty {
                step.action = .skip
                step.expected = ExpectedRecord(id: targetID, updatedOn: existing["updatedOn"]?.stringValue)
            } else {
                step.action = .update
                step.body = patch
                step.expected = ExpectedRecord(
                    id: targetID, updatedOn: existing["updatedOn"]?.stringValue,
                    values: RecordDiff.before(existing, patch: patch))
            }
            resolved[entity, default: [:]][id] = .existing(targetID)
        case .conflict(let conflict):
            step.action = .conflict
            step.conflict = conflict
            step.note =
                "conflict, left alone: shares an e-mail or phone with a record of the target, but \(conflict.summary)"
            resolved[entity, default: [:]][id] = .leftAlone
        case .new:
            step.body = body
            resolved[entity, default: [:]][id] = .step(step.id)
            if translated.archived { archivedLeads.append(step.id) }
        }
        step.links = links.isEmpty ? nil : links
        if !lost.isEmpty, step.action != .skip {
            altered.append(
                RejectedRecord(source: step.source ?? StepSource(file: file, line: line, fields: []), reasons: lost))
        }
        steps.append(step)
    }

    private enum Found {
        case found(JSONObject)
        case conflict(ImportConflict)
        case new
    }

    private func find(_ body: JSONObject, entity: EntityKind, links: [String: String], pendingOrganization: String?)
        -> Found
    {
        guard let target = targets[entity] else { return .new }
        let body = body.filter { !Self.bookkeeping.contains($0.key) }
        let candidates = target.candidates(body, links: links)
        guard IdentityRecords.judges(entity), let model = models[entity] else {
            return candidates.first.map { .found(target.records[$0]) } ?? .new
        }
        let subject = target.identity.record(body, index: -1, pendingOrganization: pendingOrganization)
        var conflicts: [ImportConflict.Candidate] = []
        for candidate in candidates {
            let assessment = model.assess(subject, target.identities[candidate])
            let record = target.records[candidate]
            if assessment.band == .link || diff.patch(from: record, to: body).isEmpty { return .found(record) }
            if target.sharesAddress(body, with: candidate) {
                conflicts.append(
                    ImportConflict.Candidate(
                        id: record["id"].flatMap(RecordTranslation.text), step: nil, line: nil,
                        record: target.identity.reviewFields(record), assessment: assessment))
            }
        }
        if conflicts.isEmpty { return .new }
        return .conflict(
            ImportConflict(
                row: target.identity.reviewFields(body, pendingOrganization: pendingOrganization), candidates: conflicts
            ))
    }
}
