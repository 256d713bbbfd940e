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
        if object["id"]?.stringValue.map({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) != true {
            problems.add("\(path).id", object["id"] == nil ? .required : .invalidType)
        }
        switch object["type"] {
        case .string(let raw)?:
            if case .other = FieldType(rawValue: raw) { problems.add("\(path).type", .unknownOption) }
        case nil, .null?: problems.add("\(path).type", .required)
        default: problems.add("\(path).type", .invalidType)
        }
        if let label = object["label"], label != .null, label.stringValue == nil { problems.add("\(path).label", .invalidType) }
        if let category = object["category"], category != .null, FieldCategory(json: category) == nil {
            problems.add("\(path).category", .unknownOption)
        }
        if let required = object["required"], required != .null, required.boolValue == nil { problems.add("\(path).required", .invalidType) }
        if let labelOptions = object["labelOptions"], labelOptions != .null {
            if labelOptions.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true { problems.add("\(path).labelOptions", .invalidType) }
        }
        if let options = object["options"], options != .null {
            if case .array(let entries) = options {
                var normalised: [JSONValue] = []
                for (index, entry) in entries.enumerated() {
                    switch entry {
                    case .string: normalised.append(entry)
                    case .object(var option) where option["label"]?.stringValue != nil || option["id"]?.stringValue != nil:
                        if option["id"]?.stringValue == nil { option["id"] = .string(UUID().uuidString.lowercased()) }
                        normalised.append(.object(option))
                    default: problems.add("\(path).options[\(index)]", .invalidType)
                    }
                }
                object["options"] = .array(normalised)
            } else {
                problems.add("\(path).options", .invalidType)
            }
        }
        guard problems.details.count == before else { return nil }
        return FormField(fields: object)
    }

    /// A list of field definitions with unique ids.
    static func fields(_ value: JSONValue?, path: String, problems: inout ValidationProblems) -> [FormField]? {
        guard let value, value != .null else {
            problems.add(path, .required)
            return nil
        }
        guard case .array(let entries) = value else {
            problems.add(path, .invalidType)
            return nil
        }
        var result: [FormField] = []
        var seen = Set<String>()
        for (index, entry) in entries.enumerated() {
            guard let field = field(entry, path: "\(path)[\(index)]", problems: &problems), let id = field.id?.rawValue else { continue }
            if !seen.insert(id).inserted { problems.add("\(path)[\(index)].id", .duplicate) }
            result.append(field)
        }
        return result
    }

    /// A form PUT: the listed default fields update their label, required flag and options;
    /// default fields left out keep their definition; the custom fields are replaced by the list.
    static func applyFormUpdate(_ body: JSONObject, current: [FormField], entity: EntityKind) throws(SandboxError) -> [FormField] {
        var problems = ValidationProblems()
        let given = fields(body["fields"], path: "fields", problems: &problems) ?? []
        let defaultIds = Set(DefaultSchema.form(for: entity).compactMap { $0.id?.rawValue })
        var defaults = current.filter { $0.category == .default }
        var custom: [FormField] = []
        for (index, field) in given.enumerated() {
            guard let id = field.id?.rawValue else { continue }
            let path = "fields[\(index)]"
            let category = field.category ?? (defaultIds.contains(id) ? .default : .custom)
            if category == .default {
                guard defaultIds.contains(id), let position = defaults.firstIndex(where: { $0.id?.rawValue == id }) else {
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
            } else {
                if defaultIds.contains(id) {
                    problems.add("\(path).id", .duplicate)
                    continue
                }
                var stored = field
                stored.category = .custom
                if stored.required == nil { stored.required = false }
                if stored.label == nil { stored.label = id }
                custom.append(stored)
            }
        }
        try problems.throwIfAny()
        return defaults + custom
    }
}
