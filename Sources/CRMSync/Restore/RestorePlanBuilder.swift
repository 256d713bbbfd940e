import CRMModel

/// Turns a CRM's records, read in dependency order (organizations, contacts, leads,
/// opportunities, cases), into an import plan of creates: every record one step, every
/// reference to another record a link to the step that creates it. The import's applier then
/// runs it phase by phase, journaled and resumable, filling each link with the new id.
struct RestorePlanBuilder {
    let translation: RecordTranslation
    private(set) var steps: [PlanStep] = []
    /// Records recreated without a value the target cannot take, and why.
    private(set) var altered: [RejectedRecord] = []
    /// Steps creating leads that are archived in the source.
    private(set) var archivedLeads: [Int] = []
    /// Source id → the step creating it, per entity (ids are per entity).
    private var stepsByID: [EntityKind: [String: Int]] = [:]

    init(translation: RecordTranslation) {
        self.translation = translation
    }

    /// The step that creates the source's record `id` of `entity`, when it has been added.
    func step(for id: String, of entity: EntityKind) -> Int? { stepsByID[entity]?[id] }

    /// Adds the record read at `file:line`; records must come in dependency order.
    mutating func add(_ record: JSONObject, entity: EntityKind, file: String, line: Int) {
        let id = record["id"].flatMap(RecordTranslation.text) ?? ""
        let translated = translation.translate(record, entity: entity)
        var step = PlanStep(id: steps.count, action: .create, entity: entity)
        step.source = StepSource(file: file, line: line, fields: [["id", id]])
        var body = translated.body
        var links: [StepLink] = []
        var lost = translated.lost
        for link in translated.links {
            if let owner = stepsByID[link.entity]?[link.id] {
                links.append(StepLink(field: link.field, step: owner))
            } else {
                lost.append(
                    "\(link.field): \(link.entity.rawValue) \(link.id) is not among the records copied; left empty")
                body[link.field] = nil
            }
        }
        step.body = body
        step.links = links.isEmpty ? nil : links
        if !lost.isEmpty {
            altered.append(
                RejectedRecord(source: step.source ?? StepSource(file: file, line: line, fields: []), reasons: lost))
        }
        if translated.archived { archivedLeads.append(step.id) }
        if !id.isEmpty { stepsByID[entity, default: [:]][id] = step.id }
        steps.append(step)
    }
}
