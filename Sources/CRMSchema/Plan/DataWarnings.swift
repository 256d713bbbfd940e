import CRMModel

/// Data-aware warnings: for every change that can lose or invalidate stored data, counts the
/// records it touches. Read-only; one scan of each entity involved.
enum DataWarnings {
    static func warnings(for changes: [ObjectChange], live: LiveObjects, remote: some SchemaRemote) async throws
        -> [DataWarning]
    {
        let probes = self.probes(for: changes, live: live)
        guard !probes.isEmpty else { return [] }
        var counts = [Int](repeating: 0, count: probes.count)
        for entity in EntityKind.allCases where probes.contains(where: { $0.entity == entity }) {
            let indices = probes.indices.filter { probes[$0].entity == entity }
            try await remote.scanRecords(of: entity) { record in
                for index in indices where probes[index].matches(record) { counts[index] += 1 }
            }
        }
        return zip(probes, counts).compactMap { probe, count in
            guard count > 0 else { return nil }
            let noun = count == 1 ? probe.entity.rawValue : probe.entity.plural
            return DataWarning(
                address: probe.address, subject: probe.subject, message: "\(probe.consequence) (\(count) \(noun))",
                count: count)
        }
    }

    static func probes(for changes: [ObjectChange], live: LiveObjects) -> [UsageProbe] {
        changes.flatMap { change -> [UsageProbe] in
            switch (change.address.kind, change.desired) {
            case (.form, .form(let form)?):
                let liveFields = live.forms.first { $0.spec.form == form.form }?.spec.fields ?? []
                return form.form.recordEntities.flatMap { entity in
                    fieldProbes(
                        live: liveFields, desired: form.fields, address: change.address, prefix: "", entity: entity,
                        caseTypeID: nil)
                }
            case (.tag, _) where change.action == .delete:
                guard let entity = EntityKind(plural: change.address.scope) else { return [] }
                return [
                    UsageProbe(
                        address: change.address, subject: "", entity: entity, caseTypeID: nil,
                        test: .hasTag(id: change.remoteID, label: change.address.key),
                        consequence: "deleting this tag removes it from the records that carry it")
                ]
            case (.caseType, .caseType(let caseType)?) where change.action == .update:
                guard let before = live.caseTypes.first(where: { $0.address == change.address }) else { return [] }
                return caseTypeProbes(
                    live: before.spec, desired: caseType, address: change.address, caseTypeID: change.remoteID)
            case (.caseType, _) where change.action == .delete:
                return [
                    UsageProbe(
                        address: change.address, subject: "", entity: .case, caseTypeID: change.remoteID,
                        test: .anyRecord,
                        consequence:
                            "the case type still has cases; the CRM refuses to "
                            + "delete it until they are deleted or re-typed"
                    )
                ]
            default:
                return []
            }
        }
    }

    static func fieldProbes(
        live: [FormField], desired: [FormField], address: ObjectAddress, prefix: String, entity: EntityKind,
        caseTypeID: String?
    ) -> [UsageProbe] {
        var probes: [UsageProbe] = []
        func probe(_ subject: String, _ test: UsageProbe.Test, _ consequence: String) {
            probes.append(
                UsageProbe(
                    address: address, subject: subject, entity: entity, caseTypeID: caseTypeID, test: test,
                    consequence: consequence))
        }
        let desiredByID = Dictionary(
            desired.compactMap { field in field.id.map { ($0.rawValue, field) } },
            uniquingKeysWith: { first, _ in first })
        for field in live {
            guard let id = field.id?.rawValue else { continue }
            let subject = "\(prefix)field \(id)"
            guard let target = desiredByID[id] else {
                guard field.category != .default else { continue }  // kept by the API, see FormDiff
                probe(
                    subject, .hasValue(field: id),
                    "deleting field \(id) drops it from the form; the values "
                        + "stored in it are no longer shown or validated"
                )
                continue
            }
            if target.isRequired && !field.isRequired {
                probe(
                    subject, .lacksValue(field: id),
                    "field \(id) becomes required but is empty in existing "
                        + "records; they fail validation on their next update"
                )
            }
            let kept = Set((target.options ?? []).map(\.id))
            for option in field.options ?? [] where !kept.contains(option.id) {
                probe(
                    "\(subject) › option \(option.id)", .hasOption(field: id, option: option.id),
                    "removing option \(option.id) of field \(id) leaves "
                        + "records holding a value the form no longer offers"
                )
            }
        }
        for field in desired where field.isRequired {
            guard let id = field.id?.rawValue, !live.contains(where: { $0.id?.rawValue == id }) else { continue }
            probe(
                "\(prefix)field \(id)", .lacksValue(field: id),
                "the new required field \(id) is empty in existing records; they fail validation on their next update")
        }
        return probes
    }

    static func caseTypeProbes(live: CaseTypeSpec, desired: CaseTypeSpec, address: ObjectAddress, caseTypeID: String?)
        -> [UsageProbe]
    {
        guard let caseTypeID else { return [] }
        var probes = fieldProbes(
            live: live.form, desired: desired.form, address: address, prefix: "form › ", entity: .case,
            caseTypeID: caseTypeID)
        let kept = Set(desired.workflow.statuses.map(\.id))
        for status in live.workflow.statuses where !kept.contains(status.id) {
            probes.append(
                UsageProbe(
                    address: address, subject: "status \(status.id)", entity: .case, caseTypeID: caseTypeID,
                    test: .inStatus(id: status.id, label: status.label),
                    consequence: "removing status \(status.id) strands the cases in it"))
        }
        return probes
    }
}
