import CRMModel
import Yams

/// Turns specs into the YAML documents of the schema directory (format: docs/forms-as-code.md).
enum SpecFileEncoding {
    static func form(_ form: FormSpec) throws -> String {
        try YAMLWriter.document(
            YAMLWriter.mapping([
                ("form", YAMLWriter.string(form.form.rawValue)),
                ("fields", fields(form.fields)),
            ]))
    }

    static func tagSet(_ tagSet: TagSetSpec) throws -> String {
        let tags = tagSet.tags.map { tag in
            var pairs: [(String, Node)] = [("label", YAMLWriter.string(tag.label))]
            if let color = tag.color { pairs.append(("color", YAMLWriter.string(color))) }
            if let renamedFrom = tag.renamedFrom { pairs.append(("renamedFrom", YAMLWriter.string(renamedFrom))) }
            return YAMLWriter.mapping(pairs)
        }
        return try YAMLWriter.document(
            YAMLWriter.mapping([
                ("entity", YAMLWriter.string(tagSet.entity.plural)),
                ("tags", YAMLWriter.sequence(tags, flow: tags.isEmpty)),
            ]))
    }

    static func caseType(_ caseType: CaseTypeSpec) throws -> String {
        try YAMLWriter.document(
            YAMLWriter.mapping([
                ("label", YAMLWriter.string(caseType.label)),
                ("form", fields(caseType.form)),
                ("workflow", workflow(caseType.workflow)),
            ]))
    }

    static func fields(_ fields: [FormField]) -> Node {
        YAMLWriter.sequence(fields.map(field), flow: fields.isEmpty)
    }

    static func field(_ field: FormField) -> Node {
        let members = field.fields
        // Managed members only (see SpecProjection), in the order people read them.
        let ordered = FormFieldKeys.managed.filter { members[$0] != nil }
        return YAMLWriter.mapping(
            ordered.compactMap { key in
                guard let value = members[key] else { return nil }
                if key == "options", let options = value.arrayValue {
                    return (key, YAMLWriter.sequence(options.map(option)))
                }
                return (key, YAMLWriter.json(value))
            })
    }

    /// A plain-string option stays a string; an object is written inline, `id` and `label` first.
    static func option(_ option: JSONValue) -> Node {
        guard let members = option.objectValue else { return YAMLWriter.json(option) }
        let first = ["id", "label"].filter { members[$0] != nil }
        let ordered = first + members.keys.filter { !first.contains($0) }.sorted()
        return YAMLWriter.mapping(
            ordered.compactMap { key in members[key].map { (key, YAMLWriter.json($0)) } }, flow: true)
    }

    static func workflow(_ workflow: WorkflowSpec) -> Node {
        let statuses = workflow.statuses.map { status in
            var pairs: [(String, Node)] = [
                ("id", YAMLWriter.string(status.id)), ("label", YAMLWriter.string(status.label)),
            ]
            if let color = status.color { pairs.append(("color", YAMLWriter.string(color))) }
            pairs.append(("recordResolutionSLA", YAMLWriter.bool(status.recordResolutionSLA)))
            if status.final { pairs.append(("final", YAMLWriter.bool(true))) }
            if let position = status.position { pairs.append(("position", YAMLWriter.json(position))) }
            return YAMLWriter.mapping(pairs)
        }
        let transitions = workflow.transitions.map { transition in
            YAMLWriter.mapping([
                ("label", YAMLWriter.string(transition.label)),
                ("from", YAMLWriter.string(transition.from)),
                ("to", YAMLWriter.string(transition.to)),
                ("recordComment", YAMLWriter.bool(transition.recordComment)),
                ("authorizedUsers", YAMLWriter.sequence(transition.authorizedUsers.map(YAMLWriter.string), flow: true)),
            ])
        }
        return YAMLWriter.mapping([
            ("statuses", YAMLWriter.sequence(statuses, flow: statuses.isEmpty)),
            ("transitions", YAMLWriter.sequence(transitions, flow: transitions.isEmpty)),
        ])
    }
}
