import CRMModel

/// Tag lists of each entity: list, create, update, delete (api-notes #50, #51).
struct TagHandlers {
    let kind: EntityKind

    func list(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        .items((services.catalog.snapshot.tags[kind] ?? []).map(\.json))
    }

    func create(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let body = try request.jsonObject()
        let kind = self.kind
        let catalog = services.catalog
        let tag = try await services.database.pool.write { db -> JSONValue in
            let (label, color) = try Self.validate(
                body, kind: kind, excluding: nil, snapshot: catalog.snapshot, isCreate: true)
            let id = try TagStore.insert(kind, label: label ?? "", color: color ?? TagStore.defaultColor, in: db)
            try catalog.reload(from: db)
            return catalog.snapshot.tag(kind, named: id)?.json ?? .null
        }
        return .item(tag, status: 201)
    }

    func update(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let body = try request.jsonObject()
        let kind = self.kind
        let catalog = services.catalog
        let tag = try await services.database.pool.write { db -> JSONValue in
            guard catalog.snapshot.tags[kind]?.contains(where: { $0.id?.rawValue == request.id }) == true else {
                throw SandboxError.notFound("\(kind.rawValue) tag \(request.id)")
            }
            let (label, color) = try Self.validate(
                body, kind: kind, excluding: request.id, snapshot: catalog.snapshot, isCreate: false)
            try TagStore.update(kind, id: request.id, label: label, color: color, in: db)
            try catalog.reload(from: db)
            return catalog.snapshot.tag(kind, named: request.id)?.json ?? .null
        }
        return .item(tag)
    }

    func delete(_ request: APIRequest, _ services: SandboxServices) async throws -> APIResponse {
        let kind = self.kind
        let catalog = services.catalog
        let deleted = try await services.database.pool.write { db -> Bool in
            let deleted = try TagStore.delete(kind, id: request.id, in: db)
            if deleted { try catalog.reload(from: db) }
            return deleted
        }
        guard deleted else { throw SandboxError.notFound("\(kind.rawValue) tag \(request.id)") }
        return .noContent
    }

    /// label 1–100 characters (trimmed) without control characters, unique per entity ignoring
    /// case; color `#RGB`/`#RRGGBB`.
    private static func validate(
        _ body: JSONObject, kind: EntityKind, excluding id: String?, snapshot: SchemaCatalog.Snapshot, isCreate: Bool
    ) throws(SandboxError) -> (label: String?, color: String?) {
        var problems = ValidationProblems()
        var label: String?
        switch body["label"] {
        case nil, .null?:
            if isCreate { problems.add("label", .required) }
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                problems.add("label", .required)
            } else if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                // A label is shown to people and used as a key; control characters (NUL among
                // them, which SQLite's C strings would cut) have no place in it.
                problems.add("label", .invalidFormat)
            } else if trimmed.count > 100 {
                problems.add("label", .tooLong)
            } else if (snapshot.tags[kind] ?? []).contains(where: {
                $0.id?.rawValue != id && $0.label?.caseInsensitiveCompare(trimmed) == .orderedSame
            }) {
                problems.add("label", .duplicate)
            } else {
                label = trimmed
            }
        default: problems.add("label", .invalidType)
        }
        var color: String?
        switch body["color"] {
        case nil, .null?: break
        case .string(let text)?:
            if FieldValueValidator.isColor(text) { color = text } else { problems.add("color", .invalidFormat) }
        default: problems.add("color", .invalidType)
        }
        try problems.throwIfAny()
        return (label, color)
    }
}
