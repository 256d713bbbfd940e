import Foundation
import Yams
import CRMModel

/// One target's rule: `from`, `template`, `value`, `default`, `fallback`, `transforms`,
/// `onInvalid`, reference settings (`create`, `pipeline`), labeled entries for `email`/`phone`,
/// `object` members.
extension MappingReader {
    static let valueKeys = [
        "from", "parameter", "template", "value", "default", "fallback", "transforms", "onInvalid", "object",
        "optional",
    ]
    static let referenceKeys = ["create", "pipeline", "byExternalId"]
    static let labeledKeys = ["entries", "property", "label", "labelFrom", "labels", "primary"]

    mutating func fieldRule(target: String, kind: TargetField, keyNode: Node, _ node: Node) -> FieldRule? {
        var reference: ReferenceRule?
        if case .reference(let referenceKind) = kind {
            reference = ReferenceRule(kind: referenceKind, createIfMissing: false)
        }
        if case .tags = kind { reference = ReferenceRule(kind: .tag, createIfMissing: false) }
        if case .mapping(let mapping) = node, reference != nil {
            if let create = mapping["create"] { reference?.createIfMissing = bool(create, "create") ?? false }
            if let pipeline = mapping["pipeline"] { reference?.pipeline = string(pipeline, "pipeline") }
            if let externalID = mapping["byExternalId"] {
                let name = externalIDReference(externalID, target: target, reference: reference)
                reference?.externalID = name
            }
            if reference?.createIfMissing == true, [.stage, .caseType, .caseStatus].contains(reference?.kind) {
                report(
                    mapping["create"] ?? node, "\(target) cannot be created by an import",
                    hint: "create it in the CRM first, or remove create: true")
            }
        }
        let value: ValueRule?
        if case .labeled = kind {
            value = labeledRule(node)
        } else {
            let allowed = Self.valueKeys + (reference != nil ? Self.referenceKeys : [])
            value = valueRule(node, what: target, allowedKeys: allowed)
        }
        guard let value else { return nil }
        return FieldRule(target: target, location: location(keyNode), value: value, reference: reference)
    }

    /// `byExternalId: salesforceId` (or `extras.salesforceId`): the extra under which the
    /// referenced records' own import keyed them; `byExternalId: customFields.<label or id>`:
    /// the custom field of their form that holds the id. Only organizations and contacts are
    /// found this way, and never created: the row holds their id, nothing to create them from.
    mutating func externalIDReference(_ node: Node, target: String, reference: ReferenceRule?) -> ExternalIDKey? {
        guard let written = string(node, "byExternalId") else { return nil }
        guard let kind = reference?.kind, kind == .organization || kind == .contact else {
            report(
                node, "\(target) cannot be found by an external id",
                hint: "byExternalId finds organizations (organizationId) and contacts (contactId)")
            return nil
        }
        let key: ExternalIDKey
        if written.hasPrefix("customFields."), written.count > "customFields.".count {
            key = .customField(String(written.dropFirst("customFields.".count)))
        } else {
            let name = written.hasPrefix("extras.") ? String(written.dropFirst("extras.".count)) : written
            guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == "." }) else {
                report(
                    node, "byExternalId must name an extra or a custom field, not '\(written)'",
                    hint: "the extra the \(kind.rawValue)s' mapping keys them by (byExternalId: salesforceId for "
                        + "matchKeys: [[extras.salesforceId], …]), or the custom field holding the id "
                        + "(byExternalId: customFields.Salesforce Id)")
                return nil
            }
            key = .extra(name)
        }
        if reference?.createIfMissing == true {
            report(
                node, "\(target) found by its external id cannot also be created (the row holds only the id)",
                hint: "remove create: true, and import the \(kind.rawValue)s first")
            return nil
        }
        return key
    }

    /// A scalar is the name of a source field; a mapping spells out the rule.
    mutating func valueRule(_ node: Node, what: String, allowedKeys: [String] = Self.valueKeys) -> ValueRule? {
        if case .scalar = node, let name = string(node, what) {
            return ValueRule(
                origin: .columns([SourceColumn(name: name, location: location(node))]), transforms: [],
                fallback: nil, location: location(node))
        }
        let diagnosticsBefore = diagnostics.count
        var origin: ValueRule.Origin?
        var transforms: [Transform] = []
        var fallback: JSONValue?
        var parameter: String?
        var onInvalid: InvalidValuePolicy?
        var alternatives: [ValueRule] = []
        var optional = false
        for (key, keyNode, value) in pairs(node, what) {
            switch key {
            case "from":
                origin = .columns(strings(value, "from").map { SourceColumn(name: $0, location: location(value)) })
            case "template":
                guard let text = string(value, "template") else { continue }
                switch Template.parse(text, at: location(value)) {
                case .success(let template): origin = .template(template)
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            case "parameter":
                parameter = string(value, "parameter")
            case "value": origin = .constant(json(value))
            case "default": fallback = json(value)
            case "fallback":
                if let rule = valueRule(value, what: "the fallback of \(what)") { alternatives.append(rule) }
            case "onInvalid": onInvalid = invalidValuePolicy(value)
            case "optional": optional = bool(value, "optional") ?? false
            case "transforms": transforms = self.transforms(value)
            case "object":
                var members: [(String, ValueRule)] = []
                for member in pairs(value, "object") {
                    if let rule = valueRule(member.value, what: member.key) { members.append((member.key, rule)) }
                }
                origin = .object(members)
            default:
                if !allowedKeys.contains(key) {
                    unknownKey(key, keyNode, in: "the rule of \(what)", known: allowedKeys)
                }
            }
        }
        if let parameter, case .columns(let columns) = origin {
            origin = .columns(columns.map { SourceColumn(name: $0.name, location: $0.location, parameter: parameter) })
        }
        guard let origin = origin ?? fallback.map({ _ in .constant(.null) }) else {
            guard diagnostics.count == diagnosticsBefore else { return nil }
            report(
                node, "the rule of \(what) says where its value comes from nowhere",
                hint: "add from: <source field>, template: \"{{A}} {{B}}\", value: <constant> or default: <constant>")
            return nil
        }
        var rule = ValueRule(
            origin: origin, transforms: transforms, fallback: fallback, location: location(node),
            onInvalid: onInvalid, alternatives: alternatives)
        rule.optional = optional
        return rule
    }

    /// `onInvalid: reject | drop | keep`.
    mutating func invalidValuePolicy(_ node: Node) -> InvalidValuePolicy? {
        guard let name = string(node, "onInvalid") else { return nil }
        if let policy = InvalidValuePolicy(rawValue: name) { return policy }
        let known = InvalidValuePolicy.allCases.map(\.rawValue)
        let suggestion = known.min { editDistance($0, name) < editDistance($1, name) }
        report(
            node, "onInvalid must be reject, drop or keep, not '\(name)'",
            hint: suggestion.flatMap { editDistance($0, name) <= 2 ? "did you mean '\($0)'?" : nil })
        return nil
    }

    /// `email`/`phone`: a list of entries, or `{entries: [...], transforms: [...]}`, or one
    /// entry written directly (`{property: EMAIL, labels: {...}}`).
    mutating func labeledRule(_ node: Node) -> ValueRule? {
        var entryNodes: [Node] = []
        var shared: [Transform] = []
        var sharedPolicy: InvalidValuePolicy?
        var sharedOptional = false
        switch node {
        case .sequence(let sequence): entryNodes = Array(sequence)
        case .mapping(let mapping) where mapping["entries"] != nil:
            for (key, keyNode, value) in pairs(node, "a labeled field") {
                switch key {
                case "entries":
                    if case .sequence(let sequence) = value {
                        entryNodes = Array(sequence)
                    } else {
                        report(value, "entries must be a list")
                    }
                case "transforms": shared = transforms(value)
                case "onInvalid": sharedPolicy = invalidValuePolicy(value)
                case "optional": sharedOptional = bool(value, "optional") ?? false
                default:
                    unknownKey(
                        key, keyNode, in: "a labeled field", known: ["entries", "transforms", "onInvalid", "optional"])
                }
            }
        default: entryNodes = [node]
        }
        var entries: [LabeledEntryRule] = []
        for entryNode in entryNodes {
            guard var entry = labeledEntry(entryNode) else { continue }
            entry.value.transforms += shared
            entry.value.onInvalid = entry.value.onInvalid ?? sharedPolicy
            entry.value.optional = entry.value.optional || sharedOptional
            entries.append(entry)
        }
        return ValueRule(origin: .labeled(entries), transforms: [], fallback: nil, location: location(node))
    }

    mutating func labeledEntry(_ node: Node) -> LabeledEntryRule? {
        var entry = LabeledEntryRule(
            value: ValueRule(origin: .constant(.null), transforms: [], fallback: nil, location: location(node)),
            property: nil, label: nil, labelColumn: nil, labels: [:], primary: nil, location: location(node))
        guard case .mapping(let mapping) = node else {
            guard let value = valueRule(node, what: "an entry") else { return nil }
            entry.value = value
            return entry
        }
        var valuePairs: [(Node, Node)] = []
        for (key, value) in mapping {
            switch key.string ?? "" {
            case "property": entry.property = string(value, "property")?.uppercased()
            case "label": entry.label = string(value, "label")
            case "labelFrom":
                entry.labelColumn = string(value, "labelFrom").map { SourceColumn(name: $0, location: location(value)) }
            case "labels":
                for pair in pairs(value, "labels") { entry.labels[pair.key.lowercased()] = pair.value.string ?? "" }
            case "primary": entry.primary = bool(value, "primary")
            default: valuePairs.append((key, value))
            }
        }
        let valueMapping = Node.Mapping(valuePairs, mapping.tag, mapping.style, mapping.mark)
        if entry.property != nil, valueMapping["from"] == nil, valueMapping["template"] == nil {
            if let transformNode = valueMapping["transforms"] { entry.value.transforms = transforms(transformNode) }
            if let policyNode = valueMapping["onInvalid"] { entry.value.onInvalid = invalidValuePolicy(policyNode) }
            for (key, _) in valueMapping where key.string != "transforms" && key.string != "onInvalid" {
                unknownKey(
                    key.string ?? "", key, in: "a property entry",
                    known: Self.labeledKeys + ["transforms", "onInvalid"])
            }
            return entry
        }
        guard
            let value = valueRule(
                .mapping(valueMapping), what: "an entry", allowedKeys: Self.valueKeys + Self.labeledKeys)
        else { return nil }
        entry.value = value
        return entry
    }
}
