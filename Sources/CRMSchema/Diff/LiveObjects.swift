import CRMModel

/// The live configuration in file shape, with each object's address, remote id and content hash.
/// Case types get their keys from the state (remote id → key), else a slug of their label.
public struct LiveObjects: Sendable {
    public struct Object<Spec: Sendable & Hashable>: Sendable {
        public var address: ObjectAddress
        public var remoteID: String?
        public var spec: Spec
        public var hash: String
    }

    public var instance: String
    public var forms: [Object<FormSpec>] = []
    public var tags: [EntityKind: [Object<TagSpec>]] = [:]
    public var caseTypes: [Object<CaseTypeSpec>] = []

    public init(_ live: LiveSchema, state: InstanceState) {
        instance = live.instance
        for form in SchemaForm.allCases {
            guard let fields = live.forms[form] else { continue }
            let spec = SpecProjection.form(form, fields)
            forms.append(Object(address: .form(form), remoteID: nil, spec: spec, hash: ContentHash.of(spec)))
        }
        for entity in EntityKind.tagEntities {
            guard let tagOptions = live.tags[entity] else { continue }
            tags[entity] = tagOptions.map { option in
                let spec = SpecProjection.tag(option)
                return Object(
                    address: .tag(entity, spec.label), remoteID: option.id?.rawValue, spec: spec,
                    hash: ContentHash.of(spec))
            }.sorted { $0.address < $1.address }
        }
        // Case types the state knows keep their keys; the others get slugs not yet taken.
        var keys: [Int: String] = [:]
        for (index, caseType) in live.caseTypes.enumerated() {
            guard let id = caseType.id, let entry = state.entry(remoteID: id.rawValue, kind: .caseType) else {
                continue
            }
            keys[index] = entry.address.key
        }
        var taken = Set(keys.values)
        for index in live.caseTypes.indices where keys[index] == nil {
            let key = CaseTypeKeys.unique(live.caseTypes[index].label ?? "", taken: taken)
            taken.insert(key)
            keys[index] = key
        }
        caseTypes = live.caseTypes.enumerated().map { index, caseType in
            let key = keys[index] ?? ""
            let spec = SpecProjection.caseType(caseType, key: key)
            return Object(address: .caseType(key), remoteID: caseType.id?.rawValue, spec: spec, hash: Self.hash(spec))
        }.sorted { $0.address < $1.address }
    }

    /// A case type's hash leaves out its key, which is local to the files.
    static func hash(_ caseType: CaseTypeSpec) -> String {
        var keyless = caseType
        keyless.key = ""
        return ContentHash.of(keyless)
    }

    /// The whole configuration as files would hold it (what `pull` writes).
    public var spec: SchemaSpec {
        SchemaSpec(
            forms: forms.map(\.spec),
            tagSets: EntityKind.tagEntities.compactMap { entity in
                tags[entity].map { objects in
                    TagSetSpec(
                        entity: entity,
                        tags: objects.map(\.spec).sorted { ($0.matchKey, $0.label) < ($1.matchKey, $1.label) })
                }
            },
            caseTypes: caseTypes.map(\.spec))
    }

    /// Every live object as (address, remote id, hash), for state and drift.
    public var entries: [StateEntry] {
        forms.map { StateEntry(address: $0.address, remoteID: nil, hash: $0.hash) }
            + EntityKind.tagEntities.flatMap { entity in
                (tags[entity] ?? []).map { StateEntry(address: $0.address, remoteID: $0.remoteID, hash: $0.hash) }
            }
            + caseTypes.map { StateEntry(address: $0.address, remoteID: $0.remoteID, hash: $0.hash) }
    }

    public func hash(of address: ObjectAddress) -> String? {
        entries.first { $0.address == address }?.hash
    }
}
