import CRMModel

// Copies of the mapping and the forms that share no storage with the originals, one per thread
// that maps and validates.
//
// Why: reference counts are atomic. When two cores retain and release the same objects (the
// rules' strings and arrays, the forms' options) for every record, the cache line of each
// count moves between the cores on every change. Measured with `crmkit-bench validate` on two
// threads: 12 µs of CPU per record with one shared mapper and validator, 7.6 µs with a copy per
// thread (7.3 µs on one thread). Swift values have no deep copy, so each copy is rebuilt from
// text: the mapping from its YAML, the forms from their JSON.

extension Mapping {
    /// The mapping parsed again from its YAML; `self` when it was not parsed from text or was
    /// changed since (then sharing is slower but still correct).
    func privateCopy() -> Mapping {
        guard let yaml, let copy = try? MappingParser.parse(yaml: yaml, file: file) else { return self }
        return copy
    }
}

extension SchemaSnapshot {
    /// The snapshot with every form, tag, pipeline and case type rebuilt from its JSON text.
    func privateCopy() -> SchemaSnapshot {
        SchemaSnapshot(
            forms: forms.mapValues { $0.map { $0.privateCopy() } },
            tags: tags.mapValues { $0.map { $0.privateCopy() } },
            pipelines: pipelines.map { $0.privateCopy() },
            caseTypes: caseTypes.map { $0.privateCopy() },
            organizationNames: organizationNames.map { Set($0.map(\.privateCopy)) },
            contactEmails: contactEmails.map { Set($0.map(\.privateCopy)) })
    }
}

extension JSONObjectModel {
    /// The model parsed again from its JSON text; `self` if that failed (it cannot: the text is
    /// the writer's).
    func privateCopy() -> Self {
        guard case .object(let object)? = try? JSONParser.parse(Array(JSONWriter.text(.object(fields)).utf8)) else {
            return self
        }
        return Self(fields: object)
    }
}

extension String {
    /// The same text in storage of its own.
    var privateCopy: String { String(decoding: Array(utf8), as: UTF8.self) }
}
