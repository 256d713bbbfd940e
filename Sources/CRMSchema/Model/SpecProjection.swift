import CRMModel

/// Reduces the live objects to the file shape (`SchemaSpec`): drops remote ids and server
/// bookkeeping, and names transition ends by status id.
enum SpecProjection {
    /// A field as files hold it: the managed members only (`FormFieldKeys`). The rest (server
    /// bookkeeping such as `tenantId` or `updatedOn`, and members of the CRM's own) is neither
    /// written, compared nor hashed; `PayloadBuilder.fields` sends it back on apply.
    static func field(_ field: FormField) -> FormField {
        FormField(fields: field.fields.filter { FormFieldKeys.managed.contains($0.key) })
    }

    static func form(_ form: SchemaForm, _ fields: [FormField]) -> FormSpec {
        FormSpec(form: form, fields: fields.map(field))
    }

    static func tag(_ tag: TagOption) -> TagSpec {
        TagSpec(label: tag.label ?? "", color: tag.color)
    }

    /// Tags in files are sorted by label so a pull writes a stable file whatever order the API uses.
    static func tagSet(_ entity: EntityKind, _ tags: [TagOption]) -> TagSetSpec {
        TagSetSpec(entity: entity, tags: tags.map(tag).sorted { ($0.matchKey, $0.label) < ($1.matchKey, $1.label) })
    }

    static func caseType(_ caseType: CaseType, key: String) -> CaseTypeSpec {
        CaseTypeSpec(
            key: key, label: caseType.label ?? "", form: (caseType.form ?? []).map(field),
            workflow: workflow(caseType.workflow ?? Workflow(statuses: [], transitions: [])))
    }

    static func workflow(_ workflow: Workflow) -> WorkflowSpec {
        let statuses = workflow.statuses ?? []
        let transitions = workflow.transitions ?? []
        let resolve = { (reference: String) in workflow.status(named: reference)?.id ?? reference }
        let transitionSpecs = transitions.map { transition in
            TransitionSpec(
                label: transition.label ?? "", from: resolve(transition.source ?? ""),
                to: resolve(transition.target ?? ""),
                recordComment: transition.recordComment ?? false, authorizedUsers: transition.authorizedUsers ?? [])
        }
        let sources = Set(transitionSpecs.map(\.from))
        let statusSpecs = statuses.map { status in
            let id = status.id ?? ""
            let explicitFinal = status.fields["data"]?["final"]?.boolValue
            return StatusSpec(
                id: id, label: status.label ?? id, color: status.color,
                recordResolutionSLA: status.recordResolutionSLA ?? false,
                final: explicitFinal ?? !sources.contains(id),
                position: status.fields["position"])
        }
        return WorkflowSpec(statuses: statusSpecs, transitions: transitionSpecs)
    }
}
