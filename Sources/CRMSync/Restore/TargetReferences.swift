import CRMClient
import CRMModel

/// The schema objects records point at, from the source's ids to the target's: pipelines and
/// their stages (which the API cannot create, so the target must have one of the same name),
/// case types and the statuses of their workflows (recreated by `SchemaTransfer`, with new ids).
/// Everything is matched by name, ignoring case, as a person comparing the two CRMs would.
struct TargetReferences: Sendable {
    private var pipelines: [String: String] = [:]
    private var stages: [String: String] = [:]
    private var caseTypes: [String: String] = [:]
    /// Source case type id + status id → the status id on the target's case type.
    private var statuses: [String: String] = [:]
    /// Source pipelines with no counterpart on the target, by name.
    private(set) var missingPipelines: [String] = []

    init(
        sourcePipelines: [Pipeline], targetPipelines: [Pipeline], sourceCaseTypes: [CaseType],
        targetCaseTypes: [CaseType]
    ) {
        let targetByName = Dictionary(
            targetPipelines.map { (Self.fold($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        for pipeline in sourcePipelines {
            guard let id = pipeline.id?.rawValue else { continue }
            guard let match = targetByName[Self.fold(pipeline.name)], let matchID = match.id?.rawValue else {
                missingPipelines.append(pipeline.name ?? id)
                continue
            }
            pipelines[id] = matchID
            let targetStages = Dictionary(
                (match.stages ?? []).map { (Self.fold($0.label), $0) }, uniquingKeysWith: { first, _ in first })
            for stage in pipeline.stages ?? [] {
                guard let stageID = stage.id?.rawValue, let found = targetStages[Self.fold(stage.label)]?.id?.rawValue
                else { continue }
                stages[id + "/" + stageID] = found
            }
        }
        let targetTypes = Dictionary(
            targetCaseTypes.map { (Self.fold($0.label), $0) }, uniquingKeysWith: { first, _ in first })
        for caseType in sourceCaseTypes {
            guard let id = caseType.id?.rawValue, let match = targetTypes[Self.fold(caseType.label)],
                let matchID = match.id?.rawValue
            else { continue }
            caseTypes[id] = matchID
            let targetStatuses = match.workflow?.statuses ?? []
            for status in caseType.workflow?.statuses ?? [] {
                guard let statusID = status.id else { continue }
                let found =
                    targetStatuses.first { $0.id == statusID && Self.fold($0.label) == Self.fold(status.label) }
                    ?? targetStatuses.first { Self.fold($0.label) == Self.fold(status.label) }
                if let foundID = found?.id { statuses[id + "/" + statusID] = foundID }
            }
        }
    }

    func pipeline(_ id: String) -> String? { pipelines[id] }
    func stage(_ id: String, pipeline: String) -> String? { stages[pipeline + "/" + id] }
    func caseType(_ id: String) -> String? { caseTypes[id] }
    func status(_ id: String, caseType: String) -> String? { statuses[caseType + "/" + id] }

    private static func fold(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }
}
