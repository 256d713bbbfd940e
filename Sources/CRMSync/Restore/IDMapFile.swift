import CRMModel
import CRMImport
import Foundation

/// `id-map.csv` in a restore's or copy's run directory: for every record, its id in the source
/// and the id it has in the target (empty when its step did not complete), so links kept outside
/// the CRM (spreadsheets, other systems) can be brought along.
enum IDMapFile {
    static let fileName = "id-map.csv"

    static func write(plan: ImportPlan, state: RunState, to run: ImportRunDirectory) throws {
        var text = "entity,source_id,target_id\r\n"
        for step in plan.steps.sorted(by: { $0.id < $1.id }) where step.action != .createTag {
            guard let old = step.source?.fields?.first(where: { $0.first == "id" })?.last else { continue }
            let new = state.id(step.id) ?? ""
            text += "\(step.entity.rawValue),\(RejectsFile.quoted(old)),\(RejectsFile.quoted(new))\r\n"
        }
        try Data(text.utf8).write(to: run.url.appendingPathComponent(fileName), options: .atomic)
    }

    /// The map as written: entity → source id → target id.
    static func read(_ url: URL) throws -> [EntityKind: [String: String]] {
        var map: [EntityKind: [String: String]] = [:]
        let text = try String(contentsOf: url, encoding: .utf8)
        for line in text.split(separator: "\r\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 3, let entity = EntityKind(rawValue: cells[0]) else { continue }
            map[entity, default: [:]][cells[1]] = cells[2]
        }
        return map
    }
}
