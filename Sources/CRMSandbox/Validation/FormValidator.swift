import CRMModel
import Foundation

/// Checks form definitions: a form PUT (api-notes #41) and the `form` of a case type.
enum FormValidator {
    /// One field definition: an object with a string `id`, a known `type`, a string `label`, and
    /// well-formed `options`/`labelOptions`. Returns it normalised (option objects get ids).
    static func field(_ value: JSONValue, path: String, problems: inout ValidationProblems) -> FormField? {
        guard case .object(var object) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        let before = problems.details.count
        switch object["id"] {
        case .string(let id)? where !id.trimmingCharacters(in: .whitespaces).isEmpty:
            if id.count > 100 { problems.add("\(path).id", .tooLong) }
        case nil, .null?: problems.add("\(path).id", .required)
        default: problems.add("\(path).id", .invalidType)
        }
        var type: FieldType?
        switch object["type"] {
        case .string(let raw)?:
            type = FieldType(rawValue: raw)
            if case .other = FieldType(rawValue: raw) { problems.add("\(path).type", .unknownOption) }
        case nil, .null?: problems.add("\(path).type", .required)
        default: problems.add("\(path).type", .invalidType)
        }
        switch object["label"] {
        case .string(let label)? where !label.trimmingCharacters(in: .whitespaces).isEmpty: break
        case nil, .null?, .string?: problems.add("\(path).label", .required)
        default: problems.add("\(path).label", .invalidType)
        }
        if type == .dropdown, (object["options"]?.arrayValue ?? []).isEmpty {
            problems.add("\(path).options", .required)
        }
        if type == .emailLabeled || type == .telLabeled {
            let labels = object["labelOptions"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if labels.isEmpty {
                problems.add("\(path).labelOptions", .required)
            } else if Set(labels.map { $0.lowercased() }).count != labels.count {
                problems.add("\(path).labelOptions", .duplicate)
            }
        }
        if let category = object["category"], category != .null, FieldCategory(json: category) == nil {
            problems.add("\(path).category", .unknownOption)
        }
        if let required = object["required"], required != .null, required.boolValue == nil {
            problems.add("\(path).required", .invalidType)
        }
        if let labelOptions = object["labelOptions"], labelOptions != .null {
            if labelOptions.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
                problems.add("\(path).labelOptions", .invalidType)
            }
        }
        if let options = object["options"], options != .null {
            if case .array(let entries) = options {
                var normalised: [JSONValue] = []
                for (index, entry) in entries.enumerated() {
                    switch entry {
                    case .string: normalised.append(entry)
                    case .object(var option) where option["label"]?.stringValue.map({ !$0.isEmpty }) == true:
                        if option["id"]?.stringValue == nil { option["id"] = .string(UUID().uuidString.lowercased()) }
                        normalised.append(.object(option))
                    default: problems.add("\(path).options[\(index)]", .invalidType)
                    }
                }
                let ids = normalised.map { FormOption(json: $0)?.id ?? "" }
                if Set(ids).count != ids.count { problems.add("\(path).options", .duplicate) }
                object["options"] = .array(normalised)
            } else {
                problems.add("\(path).options", .invalidType)
            }
        }
        guard problems.details.count == before else { return nil }
        // Optional members sent as null are left out, as if absent.
        object = object.filter { $0.value != .null }
        if object["category"] == nil || object["category"] == .null { object["category"] = "custom" }
        if object["required"] == nil || object["required"] == .null { object["required"] = false }
        return FormField(fields: object)
    }

    /// A list of field definitions with unique ids: the valid ones, each with its index in the list.
    static func fields(_ value: JSONValue?, path: String, problems: inout ValidationProblems) -> [(
        index: Int, field: FormField
    )]? {
        guard let value, value != .null else {
            problems.add(path, .required)
            return nil
        }
        guard case .array(let entries) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        var result: [(index: Int, field: FormField)] = []
        var seen = Set<String>()
        for (index, entry) in entries.enumerated() {
            guard let field = field(entry, path: "\(path)[\(index)]", problems: &problems), let id = field.id?.rawValue
            else { continue }
            if !seen.insert(id).inserted { problems.add("\(path)[\(index)].id", .duplicate) }
            result.append((index, field))
        }
        return result
    }

    /// A form PUT (and a case type's `form`, api-notes #62): the listed default fields update their label,
    /// required flag and options; default fields left out keep their definition; the custom fields are replaced
    /// by the list.
    static func applyFormUpdate(_ body: JSONObject, current: [FormField], entity: EntityKind) throws(SandboxError)
        -> [FormField]
    {
        var problems = ValidationProblems()
        let updated = applyFormUpdate(
            body["fields"], path: "fields", current: current, entity: entity, problems: &problems)
        try problems.throwIfAny()
        return updated
    }

    static func applyFormUpdate(
        _ value: JSONValue?, path listPath: String, current: [FormField], entity: EntityKind,
        problems: inout ValidationProblems
    ) -> [FormField] {
        let given = fields(value, path: listPath, problems: &problems) ?? []
        let defaultIds = Set(DefaultSchema.form(for: entity).compactMap { $0.id?.rawValue })
        var defaults = current.filter { $0.category == .default }
        // The new order (api-notes #68): the PUT's order for the fields it lists; default fields
        // it leaves out keep their place.
        var listed: [FormField] = []
        for (index, field) in given {
            guard let id = field.id?.rawValue else { continue }
            let path = "\(listPath)[\(index)]"
            let category = field.category ?? .custom
            if category == .default {
                guard defaultIds.contains(id), let position = defaults.firstIndex(where: { $0.id?.rawValue == id })
                else {
                    problems.add("\(path).id", .unknownReference)
                    continue
                }
                var updated = defaults[position]
                if let type = field.type, type != updated.type {
                    problems.add("\(path).type", .notAllowed)
                    continue
                }
                if let label = field.label { updated.label = label }
                if let required = field.required { updated.required = required }
                if field.fields["options"] != nil { updated.options = field.options }
                if field.fields["labelOptions"] != nil { updated.labelOptions = field.labelOptions }
                if (id == "name" || id == "title") && updated.required != true {
                    problems.add("\(path).required", .notAllowed)
                    continue
                }
                defaults[position] = updated
                listed.append(updated)
            } else {
                if defaultIds.contains(id) {
                    problems.add("\(path).id", .duplicate)
                    continue
                }
                var stored = field
                stored.category = .custom
                if stored.required == nil { stored.required = false }
                if stored.label == nil { stored.label = id }
                listed.append(stored)
            }
        }
        let listedIds = Set(listed.compactMap { $0.id?.rawValue })
        var ordered = listed
        for (position, field) in current.enumerated() where field.category == .default {
            guard let id = field.id?.rawValue, !listedIds.contains(id),
                let kept = defaults.first(where: { $0.id?.rawValue == id })
            else { continue }
            ordered.insert(kept, at: min(position, ordered.count))
        }
        return ordered
    }
}
