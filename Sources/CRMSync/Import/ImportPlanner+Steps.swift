import CRMDedupe
import CRMImport
import CRMModel

/// How each kind of match becomes a step.
extension ImportPlanner {
    mutating func planCreate(_ step: inout PlanStep, row: RowToMatch) {
        step.action = .create
        step.body = row.body
        // Keys no CRM record holds now: `crmkit apply` checks that none appeared since the plan
        // (keys shared with records judged different were there already).
        step.matchKeys = row.keys.filter {
            MatchKeyNormalizer.isCRMSide(normalizer.rules[$0.rule]) && existingIndex[$0.key] == nil
        }.map(\.key)
        // The record it will be is its body until a later row folds into it (`effectiveRecord`);
        // so is the identity of its row (`rowsFolded`).
        if let organization = row.pendingOrganization {
            // Many rows name one employer: one copy of its name.
            pendingOrganizations[step.id] = employerNames.insert(organization).memberAfterInsert
        }
        foldRow(row, into: step.id, derivable: true)
        claim(row.keys.map(\.key), for: step.id)
    }

    mutating func planExisting(_ step: inout PlanStep, candidates: [Int], row: RowToMatch) {
        if candidates.isEmpty {
            planCreate(&step, row: row)
            return
        }
        if candidates.count == 1 {
            planUpdate(&step, existing: state.records[candidates[0]], body: row.body)
        } else {
            planMerge(&step, records: candidates.map { state.records[$0] }, body: row.body)
        }
        for candidate in candidates where stepsByRecord[candidate] == nil { stepsByRecord[candidate] = step.id }
        foldRow(row, into: step.id)
        claim(row.keys.map(\.key), for: step.id)
    }

    /// A conflict is planned as `onConflict` says: left alone (listed with both sides), created,
    /// or treated as the record it matched by key.
    mutating func planConflict(_ step: inout PlanStep, candidates: [ImportConflict.Candidate], row: RowToMatch) {
        let conflict = ImportConflict(
            row: identity.reviewFields(row.body, pendingOrganization: row.pendingOrganization), candidates: candidates)
        switch onConflict {
        case .skip:
            step.action = .conflict
            step.conflict = conflict
            // What a decision to create or update writes (see `ConflictsFile`).
            step.body = row.body
            // Only the row's fingerprint is remembered for a conflict (its external ids own no record).
            step.ledgerKeys = step.ledgerKeys?.last.flatMap { $0.hasPrefix("row\u{1F}") ? [$0] : nil }
            step.note = "conflict, left alone: \(conflict.summary)"
        case .create:
            planCreate(&step, row: row)
            step.note = "created despite a conflict (--on-conflict create): \(conflict.summary)"
        case .update:
            if let owner = candidates.compactMap(\.step).first {
                planRepeat(&step, of: owner, row: row)
            } else {
                let records = candidates.compactMap { candidate in candidate.id.flatMap { recordIndex[$0] } }.uniqued()
                planExisting(&step, candidates: records, row: row)
            }
            step.note = [step.note, "despite a conflict (--on-conflict update): \(conflict.summary)"].compactMap { $0 }
                .joined(separator: "; ")
        }
    }

    /// A row repeating an earlier one is folded into the earlier row's step: its values are laid
    /// over the record that step produces, last row winning, and the step itself becomes a skip.
    /// One write per record, and a re-import of the same file compares the CRM with the file's
    /// final word on each record, so it plans only skips.
    mutating func planRepeat(_ step: inout PlanStep, of owner: Int, row: RowToMatch) {
        let body = row.body
        foldRow(row, into: owner)
        let current = effectiveRecord(owner) ?? [:]
        effective[owner] = spilledText(RecordDiff.applying(diff.patch(from: current, to: body), to: current))
        repeated.insert(owner)
        step.action = .skip
        step.targetStep = owner
        step.target = steps[owner].target
        step.note = "repeats line \(steps[owner].source?.line ?? 0); folded into its step"
        // The last row's word wins for a reference too: a value it resolved to an existing
        // record replaces an earlier row's link, and its own link replaces one to the same field.
        var merged = (steps[owner].links ?? []).filter { body[$0.field].map(\.isEmptyValue) ?? true }
        for link in step.links ?? [] {
            merged.removeAll { $0.field == link.field }
            merged.append(link)
        }
        steps[owner].links = merged.isEmpty ? nil : merged
        step.links = nil
    }

    /// The steps without the creates of referenced records (an organization named by a row)
    /// that no written step links to any more: a later row of the same record naming another
    /// organization replaced the link, or the row was left alone as a conflict. Creating them
    /// would leave records nothing refers to, which the file does not hold as anyone's.
    static func removeUnlinkedReferences(_ steps: inout [PlanStep]) {
        var linked = Set<Int>()
        for step in steps where step.action != .conflict {
            for link in step.links ?? [] { linked.insert(link.step) }
        }
        steps.removeAll { step in step.source == nil && step.action == .create && !linked.contains(step.id) }
    }

    /// Remembers a row of the owning step `owner` for judging later rows: its external ids
    /// (`externalIDs`) and, for people and organizations, its identity (`foldedRows`).
    /// `derivable`: the row is the create's own, whose identity `rowsFolded` makes again from the
    /// step's body when asked, rather than every row's being held for the rare later repeat.
    mutating func foldRow(_ row: RowToMatch, into owner: Int, derivable: Bool = false) {
        for (rule, keys) in externalIDs(of: row.keys) {
            externalIDs[owner, default: [:]][rule, default: []].formUnion(keys)
        }
        guard IdentityRecords.judges(mapping.entity), !derivable else { return }
        let identity = identity.record(row.body, index: -1, pendingOrganization: row.pendingOrganization)
        if foldedRows[owner] == nil { foldedRows[owner] = rowsFolded(into: owner) }
        // A file repeating one row many times costs one comparison, not one per repeat.
        if !(foldedRows[owner]?.contains(identity) ?? false) { foldedRows[owner, default: []].append(identity) }
    }

    /// Whether the owning step is a create of a row, planned by `planCreate`: its record and its
    /// row's identity follow from its body until another row folds into it.
    func isRowCreate(_ owner: Int) -> Bool {
        owner < steps.count && steps[owner].action == .create && steps[owner].source != nil
    }

    /// The record as it will be after the owning step (see `effective`).
    func effectiveRecord(_ owner: Int) -> JSONObject? {
        if let record = effective[owner] { return record.object }
        return isRowCreate(owner) ? steps[owner].body : nil
    }

    /// The identities of the rows the owning step holds (see `foldedRows`).
    func rowsFolded(into owner: Int) -> [DedupeRecord] {
        if let rows = foldedRows[owner] { return rows }
        guard isRowCreate(owner), let body = steps[owner].body else { return [] }
        return [identity.record(body, index: -1, pendingOrganization: pendingOrganizations[owner])]
    }

    /// Rewrites the owning steps of `result` (the planner's steps, by id) to carry what their
    /// repeats added; the new bodies go to the spill file after the old ones.
    mutating func fold(_ result: inout [PlanStep]) {
        for owner in repeated {
            guard let final = effective[owner]?.object else { continue }
            var step = result[owner]
            if step.action == .create {
                step.body = final
                result[owner] = spilled(step)
                continue
            }
            let original = originals[owner]?.object ?? [:]
            let patch = diff.patch(from: original, to: final)
            let unchanged = patch.isEmpty && (step.links ?? []).isEmpty
            if step.action != .merge { step.action = unchanged ? .skip : .update }
            step.body = unchanged && step.action != .merge ? nil : patch
            let before = unchanged ? nil : Self.before(original, patch: patch, links: step.links)
            step.expected?.values = before
            result[owner] = spilled(step)
        }
    }

    mutating func planUpdate(_ step: inout PlanStep, existing: JSONObject, body: JSONObject) {
        let id = existing["id"].map(MatchKeyNormalizer.text) ?? ""
        let patch = diff.patch(from: existing, to: body)
        step.target = id
        // A link to a record this run creates always changes the field: the record is new.
        if patch.isEmpty && (step.links ?? []).isEmpty {
            step.action = .skip
            step.expected = ExpectedRecord(id: id, updatedOn: existing["updatedOn"]?.stringValue)
        } else {
            step.action = .update
            step.body = patch
            step.expected = ExpectedRecord(
                id: id, updatedOn: existing["updatedOn"]?.stringValue,
                values: Self.before(existing, patch: patch, links: step.links))
        }
        effective[step.id] = spilledText(RecordDiff.applying(patch, to: existing))
        originals[step.id] = spilledText(existing)
    }

    mutating func planMerge(_ step: inout PlanStep, records: [JSONObject], body: JSONObject) {
        let ordered = records.sorted(by: RecordOrder.oldestFirst)
        let survivor = ordered[0]
        let sources = Array(ordered.dropFirst().prefix(100))
        let merged = diff.merged(survivor, sources)
        let patch = diff.patch(from: merged, to: body)
        let id = survivor["id"].map(MatchKeyNormalizer.text) ?? ""
        step.action = .merge
        step.target = id
        step.body = patch
        step.expected = ExpectedRecord(
            id: id, updatedOn: survivor["updatedOn"]?.stringValue,
            values: Self.before(merged, patch: patch, links: step.links))
        step.mergeSources = sources.map {
            ExpectedRecord(id: $0["id"].map(MatchKeyNormalizer.text) ?? "", updatedOn: $0["updatedOn"]?.stringValue)
        }
        effective[step.id] = spilledText(RecordDiff.applying(patch, to: merged))
        originals[step.id] = spilledText(merged)
        for source in sources {
            claim(normalizer.keys(of: source, crmSide: true).map(\.key), for: step.id)
        }
    }

    /// The values a step replaces, for rollback: the fields of its patch and the fields its links
    /// fill with the ids of records this run creates (those are written too, after the patch).
    static func before(_ existing: JSONObject, patch: JSONObject, links: [StepLink]?) -> JSONObject {
        var values = RecordDiff.before(existing, patch: patch)
        for link in links ?? [] { values[link.field] = existing[link.field] ?? .null }
        return values
    }
}
