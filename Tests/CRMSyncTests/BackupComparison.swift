import CRMModel
import Foundation
@testable import CRMSync

/// Two backups compared as a person would compare the CRMs they were taken from: the same files
/// and counts, the same schema, and the same records once the ids of the first are translated
/// through a restore's id map and the members that only say when or where are left out.
struct BackupComparison {
    /// Members that differ between two CRMs holding the same data.
    static let circumstantial: Set<String> = ["createdOn", "updatedOn", "closedOn", "tenantId"]

    /// Each file of the backup made portable, by path: records with ids translated by `ids`
    /// (entity → source id → target id; nil keeps them), schema objects without their ids.
    static func portable(_ directory: URL, ids: [EntityKind: [String: String]]?) throws -> [String: [JSONValue]] {
        let manifest = try BackupManifest.load(directory)
        let caseTypes = try array(directory.appendingPathComponent("schema/case-types.json"))
        let pipelines = try array(directory.appendingPathComponent("schema/pipelines.json"))
        var caseTypeLabels: [String: String] = [:]
        var statusLabels: [String: String] = [:]
        for caseType in caseTypes {
            guard let id = caseType["id"].flatMap(RecordTranslation.text) else { continue }
            caseTypeLabels[id] = caseType["label"]?.stringValue
            for status in caseType["workflow"]?["status"]?.arrayValue ?? [] {
                if let statusID = status["id"]?.stringValue {
                    statusLabels[id + "/" + statusID] = status["data"]?["label"]?.stringValue
                }
            }
        }
        var pipelineNames: [String: String] = [:]
        var stageLabels: [String: String] = [:]
        for pipeline in pipelines {
            guard let id = pipeline["id"].flatMap(RecordTranslation.text) else { continue }
            pipelineNames[id] = pipeline["name"]?.stringValue
            for stage in pipeline["stages"]?.arrayValue ?? [] {
                if let stageID = stage["id"]?.stringValue {
                    stageLabels[id + "/" + stageID] = stage["label"]?.stringValue
                }
            }
        }
        func translated(_ entity: EntityKind, _ value: JSONValue?) -> JSONValue {
            guard let id = value.flatMap(RecordTranslation.text) else { return .null }
            return .string(ids.map { $0[entity]?[id] ?? "unmapped:\(id)" } ?? id)
        }
        var result: [String: [JSONValue]] = [:]
        for file in manifest.files {
            let url = directory.appendingPathComponent(file.path)
            if file.path.hasPrefix("records/") {
                let plural = String(file.path.dropFirst("records/".count).dropLast(".jsonl".count))
                guard let entity = EntityKind.exportOrder.first(where: { $0.plural == plural }) else { continue }
                var records: [JSONValue] = []
                try SpoolReader(url: url).forEach { record in
                    var out = record.filter { !circumstantial.contains($0.key) }
                    out["id"] = translated(entity, record["id"])
                    for (field, target) in [("organizationId", EntityKind.organization), ("contactId", .contact)]
                    where record[field] != nil {
                        out[field] = translated(target, record[field])
                    }
                    if entity == .opportunity, record["organization"] != nil { out["organization"] = nil }
                    out["tags"] = .array(
                        (record["tags"]?.arrayValue ?? []).map { .array([$0["label"] ?? .null, $0["color"] ?? .null]) })
                    if let type = record["caseTypeId"].flatMap(RecordTranslation.text) {
                        out["caseTypeId"] = caseTypeLabels[type].map(JSONValue.string) ?? .null
                        if let status = record["status"]?.stringValue {
                            out["status"] = statusLabels[type + "/" + status].map(JSONValue.string) ?? .null
                        }
                    }
                    if let pipeline = record["pipelineId"].flatMap(RecordTranslation.text) {
                        out["pipelineId"] = pipelineNames[pipeline].map(JSONValue.string) ?? .null
                        if let stage = record["stage"]?.stringValue {
                            out["stage"] = stageLabels[pipeline + "/" + stage].map(JSONValue.string) ?? .null
                        }
                    }
                    records.append(.object(out))
                }
                result[file.path] = records.sorted { JSONWriter.text($0) < JSONWriter.text($1) }
            } else {
                result[file.path] = try array(url).map { object in
                    var out = object.filter {
                        !circumstantial.contains($0.key)
                            && !["id", "creator", "lastUpdatedBy", "owner"].contains($0.key)
                    }
                    if var workflow = object["workflow"]?.objectValue {
                        workflow["transition"] = workflow["transition"].map(withoutTransitionIDs)
                        workflow["status"] = workflow["status"].map(withoutDefaultFinal)
                        out["workflow"] = .object(workflow)
                    }
                    return .object(out)
                }.sorted { JSONWriter.text($0) < JSONWriter.text($1) }
            }
        }
        return result
    }

    /// Transition ids are made by the CRM when a case type is created.
    static func withoutTransitionIDs(_ transitions: JSONValue) -> JSONValue {
        .array((transitions.arrayValue ?? []).map { .object(($0.objectValue ?? [:]).filter { $0.key != "id" }) })
    }

    /// `final: false` is what a status with outgoing transitions is without saying so.
    static func withoutDefaultFinal(_ statuses: JSONValue) -> JSONValue {
        .array(
            (statuses.arrayValue ?? []).map { status in
                guard var object = status.objectValue, var data = object["data"]?.objectValue,
                    data["final"] == .bool(false)
                else { return status }
                data["final"] = nil
                object["data"] = .object(data)
                return .object(object)
            })
    }

    static func array(_ url: URL) throws -> [JSONObject] {
        try JSONParser.parse(Array(Data(contentsOf: url))).arrayValue?.compactMap(\.objectValue) ?? []
    }
}
