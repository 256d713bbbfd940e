import Foundation
import Yams
import CRMModel

/// The top level of a mapping file: `source`, `target`, `defaults`, `fields`, `customFields`,
/// `extras`, `matchKeys`.
extension MappingReader {
    static let topLevelKeys = [
        "source", "target", "description", "defaults", "fields", "customFields", "extras", "matchKeys", "onConflict",
    ]

    mutating func mapping(_ root: Node) -> Mapping? {
        var source = SourceSettings()
        var entity: EntityKind?
        var defaults = TransformDefaults()
        var fieldNodes: [(String, Node, Node)] = []
        var customNodes: [(String, Node, Node)] = []
        var extraNodes: [(String, Node, Node)] = []
        var matchNode: Node?
        var onConflict: ConflictPolicy?
        for (key, keyNode, value) in pairs(root, "a mapping file") {
            switch key {
            case "source": source = sourceSettings(value)
            case "target":
                guard let name = string(value, "target") else { continue }
                entity = EntityKind(rawValue: name) ?? EntityKind(plural: name)
                if entity == nil {
                    report(
                        value, "unknown target entity '\(name)'",
                        hint: "use one of contact, organization, lead, opportunity, case")
                }
            case "description": continue
            case "defaults": defaults = transformDefaults(value)
            case "fields": fieldNodes = pairs(value, "fields").map { ($0.key, $0.keyNode, $0.value) }
            case "customFields": customNodes = pairs(value, "customFields").map { ($0.key, $0.keyNode, $0.value) }
            case "extras": extraNodes = pairs(value, "extras").map { ($0.key, $0.keyNode, $0.value) }
            case "matchKeys": matchNode = value
            case "onConflict":
                guard let name = string(value, "onConflict") else { continue }
                onConflict = ConflictPolicy(rawValue: name.lowercased())
                if onConflict == nil {
                    report(value, "unknown onConflict '\(name)'", hint: "use skip, create or update")
                }
            default: unknownKey(key, keyNode, in: "the mapping file", known: Self.topLevelKeys)
            }
        }
        guard let entity else {
            if !diagnostics.contains(where: { $0.message.contains("target entity") }) {
                report(
                    root, "the mapping names no target entity",
                    hint: "add target: contact (or organization, lead, opportunity, case)")
            }
            return nil
        }
        let targets = TargetField.fields(of: entity)
        var fields: [FieldRule] = []
        for (name, keyNode, value) in fieldNodes {
            guard let kind = targets[name] else {
                unknownKey(name, keyNode, in: "the fields of a \(entity.rawValue)", known: targets.keys.sorted())
                continue
            }
            if let rule = fieldRule(target: name, kind: kind, keyNode: keyNode, value) { fields.append(rule) }
        }
        let customFields = customNodes.compactMap { fieldRule(target: $0.0, kind: .value, keyNode: $0.1, $0.2) }
        let extras = extraNodes.compactMap { fieldRule(target: $0.0, kind: .value, keyNode: $0.1, $0.2) }
        let matchKeys = matchNode.map { self.matchKeys($0, fields: fields, extras: extras) } ?? []
        var mapping = Mapping(
            file: file, source: source, entity: entity, fields: fields, customFields: customFields,
            extras: extras, matchKeys: matchKeys, defaults: defaults)
        mapping.onConflict = onConflict
        return mapping
    }

    mutating func sourceSettings(_ node: Node) -> SourceSettings {
        var settings = SourceSettings()
        let known = ["format", "encoding", "delimiter", "header", "recordPath", "nullTokens", "skipLines"]
        for (key, keyNode, value) in pairs(node, "source") {
            switch key {
            case "format":
                guard let name = string(value, "format") else { continue }
                settings.format = SourceFormat(rawValue: name.lowercased())
                if settings.format == nil {
                    report(value, "unknown source format '\(name)'", hint: "use csv, vcard or xml")
                }
            case "encoding": settings.encoding = string(value, "encoding")
            case "delimiter":
                settings.delimiter = string(value, "delimiter")
                if let delimiter = settings.delimiter, delimiter != "\\t", delimiter != "tab", delimiter.utf8.count != 1
                {
                    report(value, "a delimiter is one character", hint: "write \",\", \";\", \"|\" or tab")
                }
            case "header": settings.header = bool(value, "header")
            case "recordPath": settings.recordPath = string(value, "recordPath")
            case "nullTokens": settings.nullTokens = strings(value, "nullTokens")
            case "skipLines":
                guard let text = string(value, "skipLines") else { continue }
                if let count = Int(text), count >= 0 {
                    settings.skipLines = count
                } else {
                    report(value, "skipLines must be a number of lines, 0 or more")
                }
            default: unknownKey(key, keyNode, in: "source", known: known)
            }
        }
        return settings
    }

    mutating func transformDefaults(_ node: Node) -> TransformDefaults {
        var defaults = TransformDefaults()
        for (key, keyNode, value) in pairs(node, "defaults") {
            switch key {
            case "region": defaults.region = string(value, "region")?.uppercased() ?? defaults.region
            case "timezone":
                guard let zone = string(value, "timezone") else { continue }
                if TimeZone(identifier: zone) == nil {
                    report(value, "unknown time zone '\(zone)'", hint: "use an IANA name such as UTC or Europe/Paris")
                }
                defaults.timeZone = zone
            case "acceptLossy": defaults.acceptLossy = bool(value, "acceptLossy") ?? false
            default: unknownKey(key, keyNode, in: "defaults", known: ["region", "timezone", "acceptLossy"])
            }
        }
        return defaults
    }

    mutating func matchKeys(_ node: Node, fields: [FieldRule], extras: [FieldRule]) -> [MatchKeyRule] {
        guard case .sequence(let alternatives) = node else {
            report(node, "matchKeys must be a list of keys, e.g. [[email], [phone, name]]")
            return []
        }
        let known = Set(fields.map(\.target)).union(extras.map { "extras." + $0.target })
        return alternatives.compactMap { alternative in
            let targets = strings(alternative, "a match key")
            for target in targets where !known.contains(target) {
                report(
                    alternative, "match key names '\(target)', which the mapping does not fill",
                    hint: "use a mapped field (\(known.sorted().joined(separator: ", ")))")
            }
            return targets.isEmpty ? nil : MatchKeyRule(targets: targets, location: location(alternative))
        }
    }
}
