import CRMImport
import CRMModel
import Foundation

/// A valid row as planning uses it: what the mapping made of it, where it is, and its
/// fingerprint for the key ledger.
struct QueuedRow {
    var entity: EntityKind
    var provenance: SourceProvenance
    var body: JSONObject
    var extras: JSONObject
    var references: [DraftReference]
    var fingerprint: String

    init(_ validated: ValidatedDraft, fingerprint: String) {
        entity = validated.draft.entity
        provenance = validated.draft.provenance
        body = validated.body
        extras = validated.draft.extras
        references = validated.pendingReferences
        self.fingerprint = fingerprint
    }

    /// One line of the queue's file.
    var json: JSONValue {
        .object([
            "e": .string(entity.rawValue), "p": .string(provenance.file), "l": .integer(Int64(provenance.line)),
            "n": .integer(Int64(provenance.record)), "b": .object(body), "x": .object(extras),
            "r": .array(references.map(Self.json)), "f": .string(fingerprint),
        ])
    }

    init?(json: JSONValue) {
        guard let entity = json["e"]?.stringValue.flatMap(EntityKind.init(rawValue:)),
            let file = json["p"]?.stringValue, case .integer(let line)? = json["l"],
            case .integer(let record)? = json["n"], let body = json["b"]?.objectValue,
            let extras = json["x"]?.objectValue, let references = json["r"]?.arrayValue,
            let fingerprint = json["f"]?.stringValue
        else { return nil }
        self.entity = entity
        provenance = SourceProvenance(file: file, line: Int(line), record: Int(record))
        self.body = body
        self.extras = extras
        self.references = []
        for reference in references {
            guard let parsed = Self.reference(reference) else { return nil }
            self.references.append(parsed)
        }
        self.fingerprint = fingerprint
    }

    static func json(_ reference: DraftReference) -> JSONValue {
        var object: JSONObject = [
            "k": .string(reference.kind.rawValue), "f": .string(reference.field), "v": .string(reference.value),
            "c": .bool(reference.createIfMissing), "d": .bool(reference.dropsIfUnresolved),
        ]
        if let pipeline = reference.pipeline { object["p"] = .string(pipeline) }
        switch reference.externalID {
        case .extra(let name): object["xe"] = .string(name)
        case .customField(let field): object["xc"] = .string(field)
        case nil: break
        }
        return .object(object)
    }

    static func reference(_ json: JSONValue) -> DraftReference? {
        guard let kind = json["k"]?.stringValue.flatMap(DraftReference.Kind.init(rawValue:)),
            let field = json["f"]?.stringValue, let value = json["v"]?.stringValue,
            case .bool(let create)? = json["c"], case .bool(let drops)? = json["d"]
        else { return nil }
        let external: ExternalIDKey? =
            json["xe"]?.stringValue.map(ExternalIDKey.extra) ?? json["xc"]?.stringValue.map(ExternalIDKey.customField)
        var reference = DraftReference(
            kind: kind, field: field, value: value, createIfMissing: create, pipeline: json["p"]?.stringValue,
            externalID: external)
        reference.dropsIfUnresolved = drops
        return reference
    }
}

/// The valid rows waiting to be planned (`ImportPlanner.plan` waits until every row is counted),
/// one JSON line each in a temporary file, read back once in order. A million rows waiting in
/// memory, each with its body, extras and references, held more than a GB; on disk they cost a
/// write and a parse each. The file is unlinked as soon as it is made, so it never outlives the
/// process, however it ends.
final class QueuedRows {
    private let file: UnlinkedTemporaryFile
    private var buffer: [UInt8] = []
    /// Bytes already in the file.
    private var written: Int64 = 0
    private(set) var count = 0

    init() throws {
        file = try UnlinkedTemporaryFile(prefix: "crmkit-plan-rows", holding: "the rows being planned")
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ row: QueuedRow) throws {
        buffer.append(contentsOf: JSONWriter.text(row.json).utf8)
        buffer.append(0x0A)
        count += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try file.write(buffer, at: written)
        written += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every row, in the order appended.
    func forEach(_ body: (QueuedRow) throws -> Void) throws {
        try flush()
        guard lseek(file.descriptor, 0, SEEK_SET) == 0 else {
            throw RunError("cannot read back the rows being planned: \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: file.descriptor, closeOnDealloc: false)
        var lines = LineReader(handle: handle)
        // Every row names the same file: one copy of its path, not one per step.
        var file = ""
        while let line = try lines.next() {
            if line.isEmpty { continue }
            guard let value = try? JSONParser.parse([UInt8](line)), var row = QueuedRow(json: value) else {
                throw RunError("the rows being planned could not be read back from their temporary file")
            }
            if row.provenance.file == file { row.provenance.file = file } else { file = row.provenance.file }
            try body(row)
        }
        buffer = []
    }
}
