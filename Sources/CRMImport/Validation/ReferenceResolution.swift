import CRMModel

/// Resolving a draft's references against the snapshot: tags by label, opportunity stages by
/// label within a pipeline, case types by label and case statuses within their workflow.
/// Organizations by name and contacts by e-mail stay pending for the planner (which looks
/// records up and creates the missing ones the mapping allows), but are checked when the
/// snapshot lists the existing ones; by external id, they are left to the planner alone.
extension DraftValidator {
    func resolveReferences(_ result: inout ValidatedDraft, caseType: inout CaseType?) {
        if let typeReference = Self.first(.caseType, in: result.draft.references) {
            caseType = snapshot.caseType(named: typeReference.value)
            if let id = caseType?.id {
                result.body["caseTypeId"] = .string(id.rawValue)
            } else {
                unknown(typeReference, &result, known: snapshot.caseTypes.compactMap(\.label))
            }
        } else if result.draft.entity == .case {
            caseType = snapshot.defaultCaseType
        }
        var tagIDs: [JSONValue] = []
        // By index, without a copy of the list: a reference left for the planner is marked where
        // the draft holds it, which would copy the whole list while a copy of it is held.
        for index in result.draft.references.indices {
            resolve(at: index, caseType: caseType, tagIDs: &tagIDs, &result)
        }
        if !tagIDs.isEmpty { result.body["tags"] = .array(tagIDs) }
    }

    static func first(_ kind: DraftReference.Kind, in references: [DraftReference]) -> DraftReference? {
        for index in references.indices where references[index].kind == kind { return references[index] }
        return nil
    }

    /// The draft's reference at `index`: resolved, refused, or marked pending (`isPending`).
    /// Read where the draft holds it: a copy of the reference is made only for the kinds that
    /// keep it (a contact's e-mail, a tag, a stage or status to look up).
    private func resolve(
        at index: Int, caseType: CaseType?, tagIDs: inout [JSONValue], _ result: inout ValidatedDraft
    ) {
        if result.draft.references[index].externalID != nil {
            pendingByExternalID(at: index, caseType: caseType, &result)
            return
        }
        switch result.draft.references[index].kind {
        case .caseType: return
        case .organization: pendingRecord(at: index, known: snapshot.organizationNames, &result)
        case .contact:
            let reference = result.draft.references[index]
            if !EmailSyntax.isValid(reference.value) {
                result.problems.append(
                    RecordProblem(
                        provenance: result.draft.provenance, field: reference.field, value: reference.value,
                        reason: .invalidFormat,
                        message: "a contact is found by e-mail, and this is not an e-mail address",
                        hint: RecordProblemHints.hint(for: .invalidFormat)))
            } else {
                pendingRecord(at: index, known: snapshot.contactEmails, &result)
            }
        case .tag:
            let reference = result.draft.references[index]
            if let tag = snapshot.tag(of: result.draft.entity, named: reference.value), let id = tag.id {
                tagIDs.append(.string(id.rawValue))
            } else if reference.createIfMissing {
                result.draft.references[index].isPending = true
            } else {
                unknown(reference, &result, known: (snapshot.tags[result.draft.entity] ?? []).compactMap(\.label))
            }
        case .stage: resolveStage(result.draft.references[index], &result)
        case .caseStatus: resolveStatus(result.draft.references[index], caseType: caseType, &result)
        }
    }

    /// An organization by name or a contact by e-mail: pending when it may be created or the
    /// snapshot does not list the existing ones (`known` nil), or lists it.
    private func pendingRecord(at index: Int, known: Set<String>?, _ result: inout ValidatedDraft) {
        if !result.draft.references[index].createIfMissing, let known,
            !known.contains(result.draft.references[index].value.lowercased())
        {
            unknown(result.draft.references[index], &result, known: [])
            return
        }
        result.draft.references[index].isPending = true
    }

    /// A reference by another system's id is resolved by the planner, from what earlier imports
    /// recorded; here it learns what a row whose id names no known record costs, as for a value
    /// the form refuses (`FormCheckPolicy`): the rule's `onInvalid`, else rejected when the field
    /// is required and dropped when it is optional.
    private func pendingByExternalID(at index: Int, caseType: CaseType?, _ result: inout ValidatedDraft) {
        let field = result.draft.references[index].field
        let required = snapshot.form(for: result.draft.entity, caseType: caseType)
            .contains { $0.id?.rawValue == field && $0.required == true }
        let onInvalid = mapping.fields.first { $0.target == field }?.value.onInvalid
        result.draft.references[index].dropsIfUnresolved = !required && (onInvalid ?? .drop) == .drop
        result.draft.references[index].isPending = true
    }

    private func resolveStage(_ reference: DraftReference, _ result: inout ValidatedDraft) {
        let pipelineName = reference.pipeline ?? result.body["pipelineId"]?.stringValue
        guard let pipeline = pipelineName.map(snapshot.pipeline(named:)) ?? snapshot.defaultPipeline else {
            unknown(
                DraftReference(kind: .stage, field: "pipelineId", value: pipelineName ?? "(default)"), &result,
                known: snapshot.pipelines.compactMap(\.name))
            return
        }
        let stages = pipeline.stages ?? []
        guard
            let stage = stages.first(where: { $0.id?.rawValue == reference.value })
                ?? stages.first(where: { $0.label?.equalsIgnoringCase(reference.value) ?? false }), let id = stage.id
        else {
            unknown(reference, &result, known: stages.compactMap(\.label))
            return
        }
        result.body["stage"] = .string(id.rawValue)
        if let pipelineID = pipeline.id { result.body["pipelineId"] = .string(pipelineID.rawValue) }
    }

    private func resolveStatus(_ reference: DraftReference, caseType: CaseType?, _ result: inout ValidatedDraft) {
        guard let workflow = caseType?.workflow else {
            result.body["status"] = .string(reference.value)
            return
        }
        guard let status = workflow.status(named: reference.value), let id = status.id else {
            unknown(reference, &result, known: (workflow.statuses ?? []).compactMap(\.label))
            return
        }
        result.body["status"] = .string(id)
    }

    private func unknown(_ reference: DraftReference, _ result: inout ValidatedDraft, known: [String]) {
        let what: String
        switch reference.kind {
        case .organization: what = "no organization is named"
        case .contact: what = "no contact has the e-mail"
        case .tag: what = "no \(result.draft.entity.rawValue) tag is labeled"
        case .stage: what = reference.field == "pipelineId" ? "no pipeline is named" : "the pipeline has no stage"
        case .caseType: what = "no case type is labeled"
        case .caseStatus: what = "the case type's workflow has no status"
        }
        let hint =
            known.isEmpty
            ? RecordProblemHints.hint(for: .unknownReference) : "known: \(known.prefix(15).joined(separator: ", "))"
        result.problems.append(
            RecordProblem(
                provenance: result.draft.provenance, field: reference.field, value: reference.value,
                reason: .unknownReference,
                message: "\(what) '\(reference.value)'", hint: hint))
    }
}
