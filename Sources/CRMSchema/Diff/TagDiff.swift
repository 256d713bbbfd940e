import CRMModel

/// Compares one entity's tags by label, ignoring case. A tag written with `renamedFrom: old`
/// renames the live tag `old` (records keep it) instead of deleting it and creating another.
enum TagDiff {
    static func changes(entity: EntityKind, live: [LiveObjects.Object<TagSpec>], desired: [TagSpec]) -> [ObjectChange] {
        var changes: [ObjectChange] = []
        let liveByKey = Dictionary(live.map { ($0.spec.matchKey, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredKeys = Set(desired.map(\.matchKey))
        var renamed = Set<String>()
        for tag in desired {
            let renameSource = tag.renamedFrom.map { $0.lowercased() }
                .flatMap { key in desiredKeys.contains(key) ? nil : liveByKey[key] }
            guard let before = liveByKey[tag.matchKey] ?? renameSource else {
                changes.append(
                    ObjectChange(
                        address: .tag(entity, tag.label), action: .create,
                        rows: [ChangeRow(.create, "", AttributeComparison.created(attributes(tag)))], desired: .tag(tag)
                    ))
                continue
            }
            if before.spec.matchKey != tag.matchKey { renamed.insert(before.spec.matchKey) }
            var target = attributes(tag)
            if tag.color == nil { target["color"] = before.spec.color.map(JSONValue.string) }
            let deltas = AttributeComparison.deltas(attributes(before.spec), target)
            if !deltas.isEmpty {
                // Named by the live tag's current label, so drift and staleness are checked on it.
                changes.append(
                    ObjectChange(
                        address: before.address, action: .update, remoteID: before.remoteID,
                        rows: [ChangeRow(.update, "", deltas)],
                        desired: .tag(tag)))
            }
        }
        for tag in live where !desiredKeys.contains(tag.spec.matchKey) && !renamed.contains(tag.spec.matchKey) {
            changes.append(
                ObjectChange(
                    address: tag.address, action: .delete, remoteID: tag.remoteID,
                    rows: [
                        ChangeRow(.delete, "", [AttributeDelta("label", before: .string(tag.spec.label), after: nil)])
                    ]))
        }
        return changes
    }

    /// The attributes compared and shown; `renamedFrom` is an instruction, not an attribute.
    static func attributes(_ tag: TagSpec) -> JSONObject {
        var object: JSONObject = ["label": .string(tag.label)]
        object["color"] = tag.color.map(JSONValue.string)
        return object
    }
}
