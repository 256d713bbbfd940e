import CRMModel

/// The file formats `crmkit export` writes.
public enum ExportFormat: String, Sendable, CaseIterable, Codable {
    /// One row per record, the CRM's fields flattened into columns (see `FieldFlattener`), or laid
    /// out by a mapping read in reverse.
    case csv
    /// vCard 4.0 (or 3.0) cards: contacts only.
    case vcard
    /// The Dynamics 365 Configuration Migration Tool's `data.xml` layout.
    case xml
    /// One JSON object per line, exactly as the API returns the record.
    case jsonl

    public var fileExtension: String {
        switch self {
        case .csv: return "csv"
        case .vcard: return "vcf"
        case .xml: return "xml"
        case .jsonl: return "jsonl"
        }
    }

    /// Whether this format can hold records of `entity` (vCards describe people).
    public func canHold(_ entity: EntityKind) -> Bool {
        self != .vcard || entity == .contact
    }
}

/// The vCard version `--format vcard` writes.
public enum VCardVersion: String, Sendable, CaseIterable, Codable {
    case v4 = "4.0"
    case v3 = "3.0"
}

extension EntityKind {
    /// Referenced records before the records that point at them: the order of `export all`
    /// and of a backup.
    public static let exportOrder: [EntityKind] = [.organization, .contact, .lead, .opportunity, .case]
}
