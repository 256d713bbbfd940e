import CRMModel
import Yams

/// A decoded file: its content (when it could be read), every problem found, and where each
/// element was written (paths like `fields[2].type`, `workflow.transitions[0].to`).
public struct DecodedFile<Content: Sendable>: Sendable {
    public var file: String
    public var content: Content?
    public var diagnostics: [SchemaDiagnostic]
    public var locations: [String: SourceLocation]

    /// Where `path` was written, else its nearest written parent, else the top of the file.
    public func location(_ path: String) -> SourceLocation {
        var candidate = path
        while !candidate.isEmpty {
            if let location = locations[candidate] { return location }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = String(candidate[..<cut])
        }
        return SourceLocation(file: file)
    }
}

/// Reads the YAML files of the schema directory into specs (format: docs/forms-as-code.md).
enum SpecFileDecoding {
    static func form(_ text: String, file: String, expected: SchemaForm) -> DecodedFile<FormSpec> {
        var reader = YAMLReader(file: file)
        var spec: FormSpec?
        if let root = reader.parse(text), let pairs = reader.mapping(root, "a form file", allowed: ["form", "fields"]) {
            if let name = reader.string(pairs["form"], "'form'"), name != expected.rawValue {
                reader.error(
                    at: pairs["form"],
                    "this file describes form '\(name)' but is named after "
                        + "'\(expected.rawValue)'; rename the file or fix 'form'"
                )
            }
            spec = FormSpec(form: expected, fields: fields(pairs["fields"], path: "fields", reader: &reader))
        }
        return DecodedFile(file: file, content: spec, diagnostics: reader.diagnostics, locations: reader.locations)
    }

    static func tagSet(_ text: String, file: String, expected: EntityKind) -> DecodedFile<TagSetSpec> {
        var reader = YAMLReader(file: file)
        var spec: TagSetSpec?
        if let root = reader.parse(text), let pairs = reader.mapping(root, "a tags file", allowed: ["entity", "tags"]) {
            if let name = reader.string(pairs["entity"], "'entity'"), name != expected.plural {
                reader.error(
                    at: pairs["entity"],
                    "this file describes the tags of '\(name)' but is named after "
                        + "'\(expected.plural)'; rename the file or fix 'entity'"
                )
            }
            var tags: [TagSpec] = []
            for (index, node) in (reader.sequence(pairs["tags"], "'tags'") ?? []).enumerated() {
                let path = "tags[\(index)]"
                reader.remember(path, node)
                guard let tag = reader.mapping(node, "a tag", allowed: ["label", "color", "renamedFrom"]) else {
                    continue
                }
                reader.remember(path + ".label", tag["label"])
                reader.remember(path + ".color", tag["color"])
                guard let label = reader.requiredString(tag, "label", in: node, "a tag") else { continue }
                let color = tag["color"].flatMap { reader.string($0, "a tag's 'color'") }
                let renamedFrom = tag["renamedFrom"].flatMap { reader.string($0, "a tag's 'renamedFrom'") }
                tags.append(TagSpec(label: label, color: color, renamedFrom: renamedFrom))
            }
            spec = TagSetSpec(entity: expected, tags: tags)
        }
        return DecodedFile(file: file, content: spec, diagnostics: reader.diagnostics, locations: reader.locations)
    }

    static func caseType(_ text: String, file: String, key: String) -> DecodedFile<CaseTypeSpec> {
        var reader = YAMLReader(file: file)
        var spec: CaseTypeSpec?
        if let root = reader.parse(text),
            let pairs = reader.mapping(root, "a case type file", allowed: ["label", "form", "workflow"])
        {
            reader.remember("label", pairs["label"])
            let label = reader.string(pairs["label"], "'label'") ?? ""
            let form = pairs["form"].map { fields($0, path: "form", reader: &reader) } ?? []
            let workflow = workflow(pairs["workflow"], reader: &reader)
            spec = CaseTypeSpec(key: key, label: label, form: form, workflow: workflow)
        }
        return DecodedFile(file: file, content: spec, diagnostics: reader.diagnostics, locations: reader.locations)
    }

    /// A field may hold only the members crmkit manages (`FormFieldKeys.managed`); the shape of
    /// each is checked here, its meaning in lint.
    static func fields(_ node: Node?, path: String, reader: inout YAMLReader) -> [FormField] {
        var fields: [FormField] = []
        for (index, node) in (reader.sequence(node, "'\(path)'") ?? []).enumerated() {
            let fieldPath = "\(path)[\(index)]"
            reader.remember(fieldPath, node)
            guard let pairs = reader.mapping(node, "a field", allowed: FormFieldKeys.managed) else { continue }
            for (key, value) in pairs { reader.remember("\(fieldPath).\(key)", value) }
            guard reader.requiredString(pairs, "id", in: node, "a field") != nil else { continue }
            for key in ["label", "type", "category"] where pairs[key] != nil {
                _ = reader.string(pairs[key], "a field's '\(key)'")
            }
            if let required = pairs["required"] { _ = reader.bool(required, "a field's 'required'") }
            if let options = pairs["options"], let items = reader.sequence(options, "a field's 'options'") {
                for (optionIndex, option) in items.enumerated() {
                    reader.remember("\(fieldPath).options[\(optionIndex)]", option)
                    if case .mapping = option { _ = reader.mapping(option, "an option", allowed: FormFieldKeys.option) }
                }
            }
            guard case .object(let object) = reader.json(node) else { continue }
            fields.append(FormField(fields: object))
        }
        return fields
    }

    static func workflow(_ node: Node?, reader: inout YAMLReader) -> WorkflowSpec {
        guard let node else { return WorkflowSpec() }
        reader.remember("workflow", node)
        guard let pairs = reader.mapping(node, "'workflow'", allowed: ["statuses", "transitions"]) else {
            return WorkflowSpec()
        }
        var workflow = WorkflowSpec()
        let statusKeys = ["id", "label", "color", "recordResolutionSLA", "final", "position"]
        for (index, node) in (reader.sequence(pairs["statuses"], "'workflow.statuses'") ?? []).enumerated() {
            let path = "workflow.statuses[\(index)]"
            reader.remember(path, node)
            guard let status = reader.mapping(node, "a status", allowed: statusKeys) else { continue }
            for (key, value) in status { reader.remember("\(path).\(key)", value) }
            guard let id = reader.requiredString(status, "id", in: node, "a status") else { continue }
            workflow.statuses.append(
                StatusSpec(
                    id: id,
                    label: status["label"].flatMap { reader.string($0, "a status's 'label'") } ?? id,
                    color: status["color"].flatMap { reader.string($0, "a status's 'color'") },
                    recordResolutionSLA: status["recordResolutionSLA"].flatMap {
                        reader.bool($0, "'recordResolutionSLA'")
                    } ?? false,
                    final: status["final"].flatMap { reader.bool($0, "'final'") } ?? false,
                    position: status["position"].map { reader.json($0) }))
        }
        let transitionKeys = ["label", "from", "to", "recordComment", "authorizedUsers"]
        for (index, node) in (reader.sequence(pairs["transitions"], "'workflow.transitions'") ?? []).enumerated() {
            let path = "workflow.transitions[\(index)]"
            reader.remember(path, node)
            guard let transition = reader.mapping(node, "a transition", allowed: transitionKeys) else { continue }
            for (key, value) in transition { reader.remember("\(path).\(key)", value) }
            guard let from = reader.requiredString(transition, "from", in: node, "a transition"),
                let to = reader.requiredString(transition, "to", in: node, "a transition")
            else { continue }
            let users = transition["authorizedUsers"].flatMap { reader.sequence($0, "'authorizedUsers'") } ?? []
            workflow.transitions.append(
                TransitionSpec(
                    label: transition["label"].flatMap { reader.string($0, "a transition's 'label'") } ?? "",
                    from: from, to: to,
                    recordComment: transition["recordComment"].flatMap { reader.bool($0, "'recordComment'") } ?? false,
                    authorizedUsers: users.compactMap { reader.string($0, "an authorized user") }))
        }
        return workflow
    }
}
