import CRMModel

/// The first records of a file as a mapping makes them, side by side with what the file holds:
/// every field the mapping fills, every reference it leaves for the import to resolve, and every
/// value it altered, dropped or could not take, each on its record. For writing a mapping
/// (`crmkit mapping preview`) without reading plan files to find out what a rule did.
public struct MappingPreview: Sendable, Encodable {
    public var file: String
    public var mapping: String
    public var entity: EntityKind
    public var records: [PreviewRecord] = []
    /// Columns of optional rules the file lacks (once, not per record).
    public var notes: [MappingDiagnostic] = []
    /// The reader's problems in the previewed part of the file that no record carries (a row
    /// it could not read at all).
    public var readIssues: [ReadIssue] = []

    /// Reads, maps and validates the first `rows` records of `path`. A column the mapping needs
    /// and a CSV file lacks is thrown, with the mapping's problems against the forms, as
    /// `crmkit validate` does.
    public static func make(path: String, mapping: Mapping, snapshot: SchemaSnapshot, rows: Int) throws
        -> MappingPreview
    {
        var reader = try SourceReaders.open(
            path: path, format: mapping.source.format, options: ValidationRun.readOptions(for: mapping))
        reader.throwsWithoutRecords = false
        let validator = DraftValidator(mapping: mapping, snapshot: snapshot)
        var preview = MappingPreview(file: path, mapping: mapping.file, entity: mapping.entity)
        var mapper: Mapper?
        var pending: [ReadIssue] = []
        while preview.records.count < rows, let event = try reader.next() {
            switch event {
            case .issue(let issue):
                pending.append(issue)
            case .record(let record):
                if mapper == nil {
                    var problems = validator.diagnostics
                    if reader.format == .csv {
                        let columns = mapping.columnCheck(available: record.names)
                        problems += columns.errors
                        preview.notes = columns.notes
                    }
                    if !problems.isEmpty { throw MappingError(problems) }
                    mapper = Mapper(mapping: mapping)
                }
                guard let mapper else { continue }
                let issues = pending.filter { $0.provenance.line == record.provenance.line }
                preview.readIssues += pending.filter { $0.provenance.line != record.provenance.line }
                pending = []
                preview.records.append(
                    PreviewRecord(validator.validate(mapper.map(record)), record: record, issues: issues))
            }
        }
        preview.readIssues += pending
        return preview
    }
}

/// One record of a preview.
public struct PreviewRecord: Sendable, Codable {
    public var line: Int
    public var record: Int
    /// The file's fields as read, in order (name, value); blank ones left out.
    public var source: [SourceValue]
    /// What would be sent to the CRM (the body, custom fields by id), before references are
    /// looked up.
    public var fields: JSONObject
    /// Values kept for matching and never sent.
    public var extras: JSONObject
    /// References the import resolves (`organizationId` by name, tags by label, …).
    public var references: [PreviewReference]
    /// Match keys whose values are all present, e.g. `email=ada@example.com`.
    public var matchKeys: [String]
    public var rejected: Bool
    /// Why the record would be rejected.
    public var problems: [RecordProblem]
    /// Values left out, the record kept.
    public var dropped: [RecordProblem]
    /// What the reader repaired or replaced in this row.
    public var readIssues: [ReadIssue]

    public struct SourceValue: Sendable, Codable, Hashable {
        public var name: String
        public var value: String
    }

    init(_ validated: ValidatedDraft, record: SourceRecord, issues: [ReadIssue]) {
        line = record.provenance.line
        self.record = record.provenance.record
        source = record.fields.filter { !$0.value.isEmpty }.map { SourceValue(name: $0.name, value: $0.value) }
        fields = validated.body
        extras = validated.draft.extras
        references = validated.draft.references.map(PreviewReference.init)
        matchKeys = validated.draft.matchKeys.map {
            "\($0.targets.joined(separator: "+"))=\($0.values.joined(separator: "+"))"
        }
        rejected = !validated.isValid
        problems = validated.problems
        dropped = validated.draft.dropped
        readIssues = issues
    }
}

/// A reference a record makes, as the import will resolve it.
public struct PreviewReference: Sendable, Codable, Hashable {
    public var field: String
    public var kind: String
    public var value: String
    public var createIfMissing: Bool
    /// For a reference by another system's id: where the referenced records keep it
    /// (`salesforceId`, `custom field 'Salesforce Id'`).
    public var byExternalId: String?

    init(_ reference: DraftReference) {
        field = reference.field
        kind = reference.kind.rawValue
        value = reference.value
        createIfMissing = reference.createIfMissing
        byExternalId = reference.externalID?.spelled
    }
}
