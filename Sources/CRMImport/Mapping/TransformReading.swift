import Foundation
import Yams
import CRMModel

/// `transforms:` lists: each item is a bare name (`trim`) or a mapping whose first key is the
/// name and whose value (and sibling keys) are its settings (`{ map: {...}, otherwise: reject }`).
extension MappingReader {
    mutating func transforms(_ node: Node) -> [Transform] {
        guard case .sequence(let items) = node else {
            report(node, "transforms must be a list, e.g. [trim, lower]")
            return []
        }
        var out: [Transform] = []
        for item in items { if let transform = transform(item) { out.append(transform) } }
        return out
    }

    mutating func transform(_ node: Node) -> Transform? {
        let name: String
        var argument: Node?
        var settings: [String: Node] = [:]
        var settingKeys: [Node] = []
        switch node {
        case .scalar(let scalar): name = scalar.string
        case .mapping(let mapping):
            guard let first = mapping.first, let key = first.key.string else {
                report(node, "an empty transform")
                return nil
            }
            name = key
            argument = first.value
            for (key, value) in mapping.dropFirst() {
                settings[key.string ?? ""] = value
                settingKeys.append(key)
            }
        default:
            report(node, "a transform is a name or a mapping such as { split: \";\" }")
            return nil
        }
        // Checked before the transform is built, so that a misspelt setting is reported even
        // when the transform has other problems too.
        if let known = Self.transformSettings[name] {
            checkSettings(of: name, known: known, argument: argument, settingKeys: settingKeys)
        }
        guard let kind = transformKind(name, argument, settings, node) else { return nil }
        return Transform(kind: kind, name: name)
    }

    /// The settings each transform takes, as sibling keys or as keys of its value (`map`'s
    /// value is its table, whose keys are free; so are `boolean`'s value lists).
    static let transformSettings: [String: (siblings: [String], argument: [String]?)] = [
        "trim": ([], []), "fold-whitespace": ([], []), "lower": ([], []), "upper": ([], []), "title": ([], []),
        "first": ([], []), "email": ([], []), "split": ([], []), "join": ([], []),
        "phone": (["region"], ["region"]),
        "replace": ([], ["pattern", "with"]),
        "map": (["otherwise"], nil),
        "date": ([], ["format"]), "time": ([], ["format"]),
        "datetime": (["timezone"], ["format", "timezone"]),
        "number": (["locale", "decimal", "grouping"], ["locale", "decimal", "grouping"]),
        "money": (["currency", "locale", "decimal", "grouping"], ["currency", "locale", "decimal", "grouping"]),
        "boolean": ([], ["true", "false"]),
    ]

    /// Reports every setting of a transform that the transform does not take: a setting it
    /// ignored would leave the user believing it applied.
    private mutating func checkSettings(
        of name: String, known: (siblings: [String], argument: [String]?), argument: Node?,
        settingKeys: [Node]
    ) {
        let advice =
            "to drop, keep or reject a value the transform cannot handle, give the rule onInvalid: drop, keep or reject"
        for keyNode in settingKeys {
            let key = keyNode.string ?? ""
            guard !known.siblings.contains(key) else { continue }
            if known.siblings.isEmpty {
                report(
                    keyNode, "unknown key '\(key)' in the \(name) transform",
                    hint: key == "otherwise" || key == "onInvalid"
                        ? "\(name) takes no settings; \(advice)" : "\(name) takes no settings")
            } else {
                unknownKey(key, keyNode, in: "the \(name) transform", known: known.siblings)
            }
        }
        guard let allowed = known.argument, case .mapping(let mapping)? = argument else { return }
        for (keyNode, _) in mapping {
            let key = keyNode.string ?? ""
            guard !allowed.contains(key) else { continue }
            if allowed.isEmpty {
                report(keyNode, "unknown key '\(key)' in the \(name) transform", hint: "\(name) takes no settings")
            } else {
                unknownKey(key, keyNode, in: "the \(name) transform", known: allowed)
            }
        }
    }

    private mutating func transformKind(_ name: String, _ argument: Node?, _ settings: [String: Node], _ node: Node)
        -> Transform.Kind?
    {
        func text(_ fallback: String) -> String { argument.flatMap { $0.string } ?? fallback }
        switch name {
        case "trim": return .trim
        case "fold-whitespace": return .foldWhitespace
        case "lower": return .lower
        case "upper": return .upper
        case "title": return .title
        case "first": return .first
        case "email": return .email
        case "split": return .split(text(","))
        case "join": return .join(text(", "))
        case "phone":
            let region = argument.flatMap { $0.string ?? $0["region"]?.string } ?? settings["region"]?.string
            return .phone(region: region?.uppercased())
        case "replace": return replaceKind(argument ?? node)
        case "map": return mapKind(argument ?? node, settings)
        case "date", "datetime", "time": return dateKind(name, argument ?? node, settings)
        case "number": return numberStyle(argument, settings).map { Transform.Kind.number($0) }
        case "money":
            var currency = argument?.string ?? argument?["currency"]?.string ?? settings["currency"]?.string
            if argument?.string.map({ $0.count != 3 }) == true { currency = nil }
            return numberStyle(argument?.string == nil ? argument : nil, settings).map {
                .money($0, currency: currency?.uppercased())
            }
        case "boolean":
            let truthy = argument?["true"].map { strings($0, "true") } ?? ["true", "yes", "y", "1", "x"]
            let falsy = argument?["false"].map { strings($0, "false") } ?? ["false", "no", "n", "0", ""]
            return .boolean(truthy: Set(truthy.map { $0.lowercased() }), falsy: Set(falsy.map { $0.lowercased() }))
        default:
            let suggestion = Transform.names.min { editDistance($0, name) < editDistance($1, name) }
            report(
                node, "unknown transform '\(name)'",
                hint: suggestion.map { editDistance($0, name) <= 3 ? "did you mean '\($0)'?" : "" } ?? ""
                    + " transforms: \(Transform.names.joined(separator: ", "))")
            return nil
        }
    }

    private mutating func replaceKind(_ node: Node) -> Transform.Kind? {
        guard let patternNode = node["pattern"], let pattern = string(patternNode, "pattern") else {
            report(node, "replace needs a pattern", hint: "write replace: { pattern: \"[^0-9]\", with: \"\" }")
            return nil
        }
        do {
            let regex = try NSRegularExpression(pattern: pattern)
            return .replace(RegexBox(regex: regex, pattern: pattern), with: node["with"]?.string ?? "")
        } catch {
            report(
                patternNode, "bad regular expression '\(pattern)'",
                hint: "check brackets and escapes (ICU syntax; in YAML double quotes write \\\\ for \\)")
            return nil
        }
    }

    private mutating func mapKind(_ node: Node, _ settings: [String: Node]) -> Transform.Kind? {
        var table: [String: JSONValue] = [:]
        for pair in pairs(node, "map") {
            table[Transform.mapKey(pair.key)] = pair.value.string.map(JSONValue.string) ?? json(pair.value)
        }
        var otherwise = Transform.MapFallback.keep
        if let fallbackNode = settings["otherwise"], let name = string(fallbackNode, "otherwise") {
            if let fallback = Transform.MapFallback(rawValue: name) {
                otherwise = fallback
            } else {
                report(fallbackNode, "otherwise must be keep, empty or reject")
            }
        }
        return .map(table, otherwise: otherwise)
    }

    private mutating func dateKind(_ name: String, _ node: Node, _ settings: [String: Node]) -> Transform.Kind? {
        var patterns: [String] = []
        var zoneNode = settings["timezone"]
        if case .mapping = node {
            patterns = node["format"].map { strings($0, "format") } ?? []
            zoneNode = node["timezone"] ?? zoneNode
        } else {
            patterns = strings(node, "format")
        }
        if patterns.isEmpty {
            report(
                node, "\(name) needs its input format",
                hint: "write \(name): \"M/d/yyyy\" (see docs/mapping.md for the tokens)")
            return nil
        }
        let pattern: DatePattern
        do {
            pattern = try DatePattern(patterns)
        } catch {
            report(node, error.message, hint: error.hint)
            return nil
        }
        switch name {
        case "date": return .date(pattern)
        case "time": return .time(pattern)
        default:
            guard let zoneNode, let zone = string(zoneNode, "timezone") else { return .dateTime(pattern, zone: .keep) }
            if zone == "keep" { return .dateTime(pattern, zone: .keep) }
            guard TimeZone(identifier: zone) != nil else {
                report(
                    zoneNode, "unknown time zone '\(zone)'",
                    hint: "use keep, or an IANA name such as UTC or America/New_York")
                return nil
            }
            return .dateTime(pattern, zone: .convertToUTC(from: zone))
        }
    }

    private mutating func numberStyle(_ argument: Node?, _ settings: [String: Node]) -> NumberStyle? {
        var style = NumberStyle()
        var all = settings
        if let argument {
            if case .mapping = argument {
                for pair in pairs(argument, "number") { all[pair.key] = pair.value }
            } else {
                all["locale"] = argument
            }
        }
        if let localeNode = all["locale"], let code = string(localeNode, "locale") {
            guard let known = NumberStyle.locale(code) else {
                report(localeNode, "unknown number locale '\(code)'", hint: "give decimal: and grouping: instead")
                return nil
            }
            style = known
        }
        if let decimal = all["decimal"]?.string {
            guard let character = decimal.first, decimal.count == 1 else {
                report(all["decimal"] ?? .scalar(.init("")), "decimal must be one character")
                return nil
            }
            style.decimal = character
        }
        if let grouping = all["grouping"]?.string { style.grouping = Set(grouping) }
        return style
    }
}
