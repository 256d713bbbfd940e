import Foundation
import CRMModel

/// Plan items and journal entries as `JSONValue`, written with `JSONWriter`: a 100,000-row import
/// writes 100,000 steps and twice as many journal lines, and `JSONEncoder` cost seconds of it.
/// The member names are those of the `Codable` conformances, which read them back (tested by
/// round trips).
extension PlanStep {
    /// The step as one line of a plan file: its members, with the body's text as stored.
    /// Throws only when the spill file holding its body or keys cannot be read.
    func jsonText() throws -> String {
        var text = JSONWriter.text(try json())
        guard let bodyText else { return text }
        text.removeLast()  // the closing brace; `json` always has members
        text += ",\"body\":"
        text += String(decoding: try bodyText.loadBytes(), as: UTF8.self)
        text += "}"
        return text
    }

    /// The step's members without its body (see `jsonText`).
    func json() throws -> JSONValue {
        var object: JSONObject = [
            "id": .integer(Int64(id)), "action": .string(action.rawValue), "entity": .string(entity.rawValue),
        ]
        if let source { object["source"] = source.json }
        if let target { object["target"] = .string(target) }
        if let targetStep { object["targetStep"] = .integer(Int64(targetStep)) }
        if let links {
            object["links"] = .array(
                links.map { .object(["field": .string($0.field), "step": .integer(Int64($0.step))]) })
        }
        if let expected { object["expected"] = expected.json }
        if let mergeSources { object["mergeSources"] = .array(mergeSources.map(\.json)) }
        if let matchKeys = try loadMatchKeys() { object["matchKeys"] = .array(matchKeys.map(JSONValue.string)) }
        if let ledgerKeys = try loadLedgerKeys() { object["ledgerKeys"] = .array(ledgerKeys.map(JSONValue.string)) }
        if let conflict, let value = Self.encoded(conflict) { object["conflict"] = value }
        if let decision { object["decision"] = .string(decision) }
        if let note { object["note"] = .string(note) }
        return .object(object)
    }

    /// A conflict (both sides and the identity model's evidence) through its `Codable` form:
    /// rare enough that the detour costs nothing, and its shape stays the decoder's.
    static func encoded(_ conflict: ImportConflict) -> JSONValue? {
        guard let data = try? JSONEncoder().encode(conflict) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }
}

extension StepSource {
    var json: JSONValue {
        var object: JSONObject = ["file": .string(file), "line": .integer(Int64(line))]
        if let record { object["record"] = .integer(Int64(record)) }
        if let fields { object["fields"] = .array(fields.map { .array($0.map(JSONValue.string)) }) }
        return .object(object)
    }
}

extension ExpectedRecord {
    var json: JSONValue {
        var object: JSONObject = ["id": .string(id)]
        if let updatedOn { object["updatedOn"] = .string(updatedOn) }
        if let values { object["values"] = .object(values) }
        return .object(object)
    }
}

extension RejectedRecord {
    var json: JSONValue { .object(["source": source.json, "reasons": .array(reasons.map(JSONValue.string))]) }
}

extension RunJournal.Entry {
    var json: JSONValue {
        var object: JSONObject = ["step": .integer(Int64(step)), "event": .string(event.rawValue), "at": .string(at)]
        if let id { object["id"] = .string(id) }
        if let updatedOn { object["updatedOn"] = .string(updatedOn) }
        if let reason { object["reason"] = .string(reason) }
        if let before { object["before"] = .object(before) }
        return .object(object)
    }
}
