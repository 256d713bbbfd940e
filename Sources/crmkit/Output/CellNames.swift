import CRMClient
import CRMModel

/// Puts the names people know things by in table cells where the API gives ids: a contact's
/// organization, an opportunity's stage, a case's status. Tables only; `--json` keeps the API's
/// ids. Each lookup is made once per command and kept for every later page; an id that cannot
/// be resolved (deleted, or the lookup failed) is shown as it is, since a table is no place to
/// fail a listing that succeeded.
protocol CellNames {
    func named(_ rows: [JSONObject]) async -> [JSONObject]
}

/// `organizationId` → the organization's name, one GET per distinct id (a page of contacts
/// names few organizations; later pages mostly hit the cache).
final class OrganizationNames: CellNames {
    private let client: CRMClient
    private let key: String
    private var names: [String: String] = [:]
    private var unknown: Set<String> = []

    init(client: CRMClient, key: String = "organizationId") {
        self.client = client
        self.key = key
    }

    func named(_ rows: [JSONObject]) async -> [JSONObject] {
        let wanted = Set(rows.compactMap { $0[key]?.stringValue }).subtracting(names.keys).subtracting(unknown)
        let organizations = client.records(Organization.self)
        let found = await withTaskGroup(of: (String, String?).self) { group in
            for id in wanted {
                group.addTask { (id, try? await organizations.get(.init(id)).name) }
            }
            var found: [(String, String?)] = []
            for await pair in group { found.append(pair) }
            return found
        }
        for (id, name) in found {
            if let name { names[id] = name } else { unknown.insert(id) }
        }
        return rows.map { row in
            guard let id = row[key]?.stringValue, let name = names[id] else { return row }
            var row = row
            row[key] = .string(name)
            return row
        }
    }
}

/// An opportunity's `stage` id → the stage's label, from one `pipelines list`.
final class StageLabels: CellNames {
    private let client: CRMClient
    /// Labels by pipeline id and stage id; `""` holds every stage, for rows without a pipeline.
    private var labels: [String: [String: String]]?

    init(client: CRMClient) { self.client = client }

    func named(_ rows: [JSONObject]) async -> [JSONObject] {
        let labels = await load()
        return rows.map { row in
            guard let stage = row["stage"]?.stringValue else { return row }
            let pipeline = row["pipelineId"]?.stringValue ?? ""
            guard let label = labels[pipeline]?[stage] ?? labels[""]?[stage] else { return row }
            var row = row
            row["stage"] = .string(label)
            return row
        }
    }

    private func load() async -> [String: [String: String]] {
        if let labels { return labels }
        var loaded: [String: [String: String]] = [:]
        for pipeline in (try? await client.pipelines.list()) ?? [] {
            for stage in pipeline.stages ?? [] {
                guard let id = stage.id?.rawValue, let label = stage.label else { continue }
                loaded[pipeline.id?.rawValue ?? "", default: [:]][id] = label
                loaded["", default: [:]][id] = loaded["", default: [:]][id] ?? label
            }
        }
        labels = loaded
        return loaded
    }
}

/// A case's `status` id → the status's label in its case type's workflow, from one
/// `case-types list`.
final class CaseStatusLabels: CellNames {
    private let client: CRMClient
    private var workflows: [String: Workflow]?

    init(client: CRMClient) { self.client = client }

    func named(_ rows: [JSONObject]) async -> [JSONObject] {
        let workflows = await load()
        return rows.map { row in
            guard let status = row["status"]?.stringValue, let caseType = row["caseTypeId"]?.stringValue,
                let label = workflows[caseType]?.status(named: status)?.label
            else { return row }
            var row = row
            row["status"] = .string(label)
            return row
        }
    }

    private func load() async -> [String: Workflow] {
        if let workflows { return workflows }
        var loaded: [String: Workflow] = [:]
        for caseType in (try? await client.caseTypes.list()) ?? [] {
            guard let id = caseType.id?.rawValue, let workflow = caseType.workflow else { continue }
            loaded[id] = workflow
        }
        workflows = loaded
        return loaded
    }
}
