import CRMDedupe
import CRMImport
import CRMModel

/// How the planner decides what a row is: a repeat of an earlier row, existing records, a
/// conflict, or something new.
extension ImportPlanner {
    enum RowMatch {
        /// The same record as an earlier row's step: fold into it.
        case repeats(Int)
        /// CRM records (positions in `state.records`) that are the row's record: one is updated,
        /// several are merged.
        case existing([Int])
        /// Records found by key that the evidence does not confirm.
        case conflict([ImportConflict.Candidate])
        /// Nothing found, or only different people/organizations sharing a key (`notes` say which).
        case new(notes: [String])
        /// Several records of an entity the API cannot merge.
        case ambiguousEntity([String])
    }

    /// Where a candidate was found, and whether its key alone settles identity.
    private struct Found {
        var index: Int
        /// External ids (`extras.*` keys, ledger entries) identify a record in the source system:
        /// no evidence can overrule them.
        var definitive: Bool
    }

    func match(_ row: RowToMatch) -> RowMatch {
        guard IdentityRecords.judges(mapping.entity), let model else { return matchByKeys(row) }
        let subject = identity.record(row.body, index: -1, pendingOrganization: row.pendingOrganization)
        var conflicts: [ImportConflict.Candidate] = []
        var notes: [String] = []

        // Earlier rows of the file holding one of the row's keys.
        // Earlier rows: the same record folds; one the evidence contradicts is someone else, and
        // the row is planned on its own; anything in between is a conflict.
        for (owner, definitive) in fileOwners(row.keys) where !differentExternalIDs(row.keys, owner: owner) {
            let record = effectiveRecord(owner) ?? [:]
            if adds(nothing: row.body, to: record) { return .repeats(owner) }
            let other = identity.record(record, index: -1, pendingOrganization: pendingOrganizations[owner])
            let assessment = definitive ? Self.sameExternalID : assess(subject, owner: owner, folded: other, model)
            if assessment.band == .link { return .repeats(owner) }
            if assessment.band == .distinct && model.contradicts(subject, other) {
                notes.append(
                    "shares a match key with line \(steps[owner].source?.line ?? 0), a different "
                        + "\(mapping.entity.rawValue): \(assessment.reasons.first ?? "the evidence conflicts")"
                )
            } else {
                conflicts.append(
                    ImportConflict.Candidate(
                        id: nil, step: owner, line: steps[owner].source?.line,
                        record: identity.reviewFields(record, pendingOrganization: pendingOrganizations[owner]),
                        assessment: assessment))
            }
        }

        // Earlier rows sharing an e-mail or phone outside the mapping's keys: folded only when the
        // evidence says they are the same.
        var assessedOwners = Set(fileOwners(row.keys).map(\.step))
        for owner in identityCandidates(row.body, in: identityFile)
        where assessedOwners.insert(owner).inserted && !differentExternalIDs(row.keys, owner: owner) {
            let other = identity.record(
                effectiveRecord(owner) ?? [:], index: -1, pendingOrganization: pendingOrganizations[owner])
            if assess(subject, owner: owner, folded: other, model).band == .link { return .repeats(owner) }
        }

        // Records in the CRM, key alternative by alternative: the first alternative that finds
        // the row's record decides; candidates the evidence rejects are remembered as conflicts.
        var judged = Set<Int>()
        var unchanged: Int?
        for rule in normalizer.rules.indices {
            // A record is judged once, under the first alternative that finds it.
            let found = crmCandidates(row.keys, rule: rule)
                .filter {
                    (judged.insert($0.index).inserted || $0.definitive)
                        && !differentExternalIDs(row.keys, record: $0.index)
                }
            if found.isEmpty { continue }
            var same: [Int] = []
            for candidate in found {
                let assessment =
                    candidate.definitive ? Self.sameExternalID : model.assess(subject, crmIdentities[candidate.index])
                if assessment.band == .link {
                    same.append(candidate.index)
                } else if unchanged == nil && adds(nothing: row.body, to: state.records[candidate.index]) {
                    unchanged = candidate.index
                } else {
                    conflicts.append(crmConflict(candidate.index, assessment))
                }
            }
            same = same.uniqued()
            if same.count > 1, let split = distinctPair(same) {
                return .conflict(same.map { crmConflict($0, model.assess(subject, crmIdentities[$0])) } + [split])
            }
            if !same.isEmpty { return existingOrRepeat(same) }
        }
        // The CRM's records sharing an e-mail or phone outside the mapping's keys, the same way.
        let recognised = identityCandidates(row.body, in: identityExisting)
            .filter {
                judged.insert($0).inserted && !differentExternalIDs(row.keys, record: $0)
                    && model.assess(subject, crmIdentities[$0]).band == .link
            }
        let split = recognised.count > 1 ? distinctPair(recognised) : nil
        if !recognised.isEmpty && split == nil { return existingOrRepeat(recognised) }
        if let unchanged { return existingOrRepeat([unchanged]) }
        if let split {
            // The row is each of two records that are different people: which one is for the
            // user to decide, as when a match key finds them (a new record would be a third).
            conflicts += recognised.map { crmConflict($0, model.assess(subject, crmIdentities[$0])) } + [split]
        }
        return conflicts.isEmpty ? .new(notes: notes) : .conflict(conflicts)
    }

    /// CRM records that are the row's record; a single one an earlier row already updates is
    /// that row's step, which the row folds into (one write, last row wins).
    private func existingOrRepeat(_ records: [Int]) -> RowMatch {
        if records.count == 1, let owner = stepsByRecord[records[0]] { return .repeats(owner) }
        return .existing(records)
    }

    /// The row against an earlier owning step: the record folded so far, and failing a link,
    /// each row folded into it (see `foldedRows`); the first link, else the record's assessment.
    private func assess(_ subject: DedupeRecord, owner: Int, folded record: DedupeRecord, _ model: IdentityModel)
        -> IdentityAssessment
    {
        let assessment = model.assess(subject, record)
        if assessment.band == .link { return assessment }
        for row in rowsFolded(into: owner) {
            let other = model.assess(subject, row)
            if other.band == .link { return other }
        }
        return assessment
    }

    /// A row's keys under the rules on `extras` (external ids), by rule.
    func externalIDs(of keys: [(rule: Int, key: String)]) -> ExternalIDs {
        var ids: ExternalIDs = [:]
        for key in keys where !MatchKeyNormalizer.isCRMSide(normalizer.rules[key.rule]) {
            ids[key.rule, default: []].insert(key.key)
        }
        return ids
    }

    /// Whether the row and an earlier owning step hold different external ids under one rule.
    /// An external id names one record of the source system: rows the source keeps apart are
    /// never folded together, whatever their other fields (deduplicating the source is
    /// `crmkit dedupe`'s work). This is what lets an export of a CRM, read back, give as many
    /// records as it holds.
    func differentExternalIDs(_ keys: [(rule: Int, key: String)], owner: Int) -> Bool {
        guard let theirs = externalIDs[owner] else { return false }
        return Self.differ(externalIDs(of: keys), theirs)
    }

    /// The same against a CRM record, by the external ids the key ledger holds for it.
    func differentExternalIDs(_ keys: [(rule: Int, key: String)], record index: Int) -> Bool {
        guard !recordExternalIDs.isEmpty, let theirs = recordExternalIDs[recordID(index)] else { return false }
        var mine: ExternalIDs = [:]
        for (rule, ids) in externalIDs(of: keys) {
            mine[rule] = Set(ids.map { normalizer.ledgerKey(rule: rule, key: $0) })
        }
        return Self.differ(mine, theirs)
    }

    static func differ(_ mine: ExternalIDs, _ theirs: ExternalIDs) -> Bool {
        mine.contains { rule, ids in theirs[rule].map { $0.isDisjoint(with: ids) } ?? false }
    }

    /// Whether `record` already holds every value of `row`: matching it writes nothing, so it
    /// needs no more evidence than the key (this is what makes a re-import of a file plan only
    /// skips, even for rows whose fields are too few to identify anyone). It never merges.
    private func adds(nothing row: JSONObject, to record: JSONObject) -> Bool {
        diff.patch(from: record, to: row).isEmpty
    }

    /// Key matching alone, for leads, opportunities and cases: the first alternative that finds
    /// anything decides.
    private func matchByKeys(_ row: RowToMatch) -> RowMatch {
        if let owner = fileOwners(row.keys).first(where: { !differentExternalIDs(row.keys, owner: $0.step) })?.step {
            return .repeats(owner)
        }
        for rule in normalizer.rules.indices {
            let found = crmCandidates(row.keys, rule: rule).map(\.index).filter {
                !differentExternalIDs(row.keys, record: $0)
            }.uniqued()
            if found.isEmpty { continue }
            if found.count == 1 { return .existing(found) }
            return .ambiguousEntity(found.compactMap { state.records[$0]["id"].map(MatchKeyNormalizer.text) })
        }
        return .new(notes: [])
    }

    /// A row an earlier run left alone as a conflict stays one until someone decides
    /// (`--on-conflict`), even where the evidence now reads differently (a record folded from
    /// more rows than when the row was first judged): the records it would now be matched to.
    func stillAConflict(_ result: RowMatch, _ row: RowToMatch) -> [ImportConflict.Candidate]? {
        guard let model else { return nil }
        let subject = identity.record(row.body, index: -1, pendingOrganization: row.pendingOrganization)
        func sticky(_ assessment: IdentityAssessment) -> IdentityAssessment {
            var assessment = assessment
            assessment.reasons.insert(
                "left alone as a conflict by an earlier run of this file; decide with --on-conflict", at: 0)
            return assessment
        }
        switch result {
        case .repeats(let owner):
            let record = effectiveRecord(owner) ?? [:]
            let assessment = model.assess(
                subject, identity.record(record, index: -1, pendingOrganization: pendingOrganizations[owner]))
            return [
                ImportConflict.Candidate(
                    id: nil, step: owner, line: steps[owner].source?.line,
                    record: identity.reviewFields(record, pendingOrganization: pendingOrganizations[owner]),
                    assessment: sticky(assessment))
            ]
        case .existing(let records):
            return records.map { crmConflict($0, sticky(model.assess(subject, crmIdentities[$0]))) }
        case .conflict, .new, .ambiguousEntity:
            return nil
        }
    }

    /// Holders of the row's e-mails and phones in `index`, skipping values so common (a
    /// switchboard, an `info@`) that they identify no one.
    private func identityCandidates(_ body: JSONObject, in index: KeyIndex) -> [Int] {
        var found: [Int] = []
        for (_, key) in identityKeys.keys(of: body, crmSide: true) {
            guard let holders = index[key], holders.count <= Self.identityCandidateLimit else { continue }
            found += holders
        }
        return found.uniqued()
    }

    /// More holders than this make an e-mail or phone a shared one, not a way to find a record.
    static let identityCandidateLimit = 20

    /// Earlier steps holding one of `keys`, oldest first; definitive when found by an external id.
    private func fileOwners(_ keys: [(rule: Int, key: String)]) -> [(step: Int, definitive: Bool)] {
        var owners: [Int: Bool] = [:]
        for key in keys {
            let definitive = !MatchKeyNormalizer.isCRMSide(normalizer.rules[key.rule])
            for owner in fileIndex[key.key] ?? [] { owners[owner] = (owners[owner] ?? false) || definitive }
        }
        return owners.sorted { $0.key < $1.key }.map { (step: $0.key, definitive: $0.value) }
    }

    /// CRM records found by one key alternative, by key or through the ledger of earlier runs.
    private func crmCandidates(_ keys: [(rule: Int, key: String)], rule: Int) -> [Found] {
        var found: [Found] = []
        for key in keys where key.rule == rule {
            found += (existingIndex[key.key] ?? []).map { Found(index: $0, definitive: false) }
            if let id = ledger[normalizer.ledgerKey(rule: rule, key: key.key)], let index = recordIndex[id] {
                found.append(Found(index: index, definitive: true))
            }
        }
        return found
    }

    /// Two of the records a row matches whose evidence contradicts each other: merging them would
    /// fold two people into one, so the row becomes a conflict. (Records that are merely too
    /// different to link on their own may merge: the row, which matches both, is the evidence.)
    private func distinctPair(_ records: [Int]) -> ImportConflict.Candidate? {
        guard let model else { return nil }
        for (position, first) in records.enumerated() {
            for second in records[(position + 1)...] {
                guard model.contradicts(crmIdentities[first], crmIdentities[second]) else { continue }
                var assessment = model.assess(crmIdentities[first], crmIdentities[second])
                let (a, b) = (recordID(first), recordID(second))
                assessment.reasons.insert(
                    "records \(a) and \(b), both matching this row, are different: \(assessment.reasons.first ?? "")",
                    at: 0)
                return crmConflict(second, assessment)
            }
        }
        return nil
    }

    private func crmConflict(_ index: Int, _ assessment: IdentityAssessment) -> ImportConflict.Candidate {
        ImportConflict.Candidate(
            id: recordID(index), step: nil, line: nil,
            record: identity.reviewFields(state.records[index]), assessment: assessment)
    }

    func recordID(_ index: Int) -> String { state.records[index]["id"].map(MatchKeyNormalizer.text) ?? "" }

    static let sameExternalID = IdentityAssessment(
        band: .link, probability: 1, evidence: [],
        reasons: ["the same external id (a matchKey on extras) as an earlier row or run"])
}
