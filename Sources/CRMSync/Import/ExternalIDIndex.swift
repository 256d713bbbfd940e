import CRMImport
import CRMModel

/// The organizations and contacts of this CRM by the id another system gave them, for rules
/// that find a referenced record by it (`organizationId: { from: AccountId, byExternalId:
/// salesforceId }`). The ids come from one of two places (`ExternalIDKey`):
///
/// - an extra (`byExternalId: salesforceId`): the key ledger. An import whose mapping keys its
///   rows by `extras.salesforceId` records, for each row it wrote, that key and the record it
///   became. The ledger is this directory's (`.crmkit/runs/ledger.jsonl`), scoped by CRM: an
///   import run elsewhere, or after the ledger was deleted, finds no ids, and each reference is
///   reported on its row rather than guessed.
/// - a custom field (`byExternalId: customFields.Salesforce Id`): the records themselves, as
///   fetched, when their import wrote the id into that field. The link then needs no local state.
///
/// Only records the CRM holds count: a ledger entry whose record was rolled back or deleted
/// since is not a link target.
public struct ExternalIDIndex: Sendable {
    /// Referenced entity → where the id is kept → folded id → record id.
    private var ids: [EntityKind: [ExternalIDKey: [String: String]]] = [:]

    public init() {}

    /// The references of `mapping` by external id, with the entity each names.
    static func references(of mapping: Mapping) -> [(rule: FieldRule, entity: EntityKind, key: ExternalIDKey)] {
        mapping.fields.compactMap { rule in
            guard let reference = rule.reference, let key = reference.externalID,
                let entity = entity(of: reference.kind)
            else { return nil }
            return (rule, entity, key)
        }
    }

    /// The ids kept in extras, from `ledger`'s entries for `crm`, kept when `existing` (record
    /// ids by entity, as fetched) holds their record.
    public mutating func load(
        for mapping: Mapping, ledger: KeyLedger?, crm: String, existing: [EntityKind: Set<String>]
    ) {
        guard let ledger else { return }
        for (_, entity, key) in Self.references(of: mapping) {
            guard case .extra(let extra) = key, ids[entity]?[key] == nil else { continue }
            let prefix = "extras." + extra + "\u{1F}"
            let holders = existing[entity] ?? []
            var byID: [String: String] = [:]
            for (ledgerKey, record) in ledger.entries(crm: crm, entity: entity)
            where ledgerKey.hasPrefix(prefix) && holders.contains(record) {
                let value = ledgerKey.dropFirst(prefix.count)
                if !value.contains("\u{1F}") { byID[String(value)] = record }
            }
            ids[entity, default: [:]][key] = byID
        }
    }

    /// The ids kept in custom fields of `entity`'s `form`, read from its `records` (the oldest
    /// record wins when several hold one id). A custom field the form lacks is the mapping's
    /// error, pointing at the rule.
    mutating func index(_ records: [JSONObject], of entity: EntityKind, form: [FormField], for mapping: Mapping) throws
    {
        var diagnostics: [MappingDiagnostic] = []
        for (rule, referenced, key) in Self.references(of: mapping) where referenced == entity {
            guard case .customField(let name) = key, ids[entity]?[key] == nil else { continue }
            let custom = form.filter(\.isCustom)
            guard
                let field = custom.first(where: { $0.id?.rawValue == name })
                    ?? custom.first(where: { $0.label?.equalsIgnoringCase(name) ?? false }),
                let fieldID = field.id?.rawValue
            else {
                let labels = custom.compactMap(\.label)
                diagnostics.append(
                    MappingDiagnostic(
                        location: rule.location,
                        message: "no custom field of the \(entity.rawValue) form has the id or label '\(name)', "
                            + "where \(rule.target) would find \(entity.rawValue)s by their external id",
                        hint: labels.isEmpty
                            ? "add the custom field to the form, and write the id "
                                + "into it when importing the \(entity.rawValue)s"
                            : "custom fields: \(labels.joined(separator: ", "))"))
                continue
            }
            var byID: [String: String] = [:]
            for record in records.sorted(by: RecordOrder.oldestFirst) {
                guard let id = record["id"].map(MatchKeyNormalizer.text),
                    let value = record["customFields"]?[fieldID], !value.isEmptyValue
                else { continue }
                let folded = MatchKeyNormalizer.fold(MatchKeyNormalizer.text(value))
                if byID[folded] == nil { byID[folded] = id }
            }
            ids[entity, default: [:]][key] = byID
        }
        if !diagnostics.isEmpty { throw MappingError(diagnostics) }
    }

    /// The record a reference by external id names, or nil when no earlier import wrote it.
    public func record(for reference: DraftReference) -> String? {
        guard let key = reference.externalID, let entity = Self.entity(of: reference.kind) else { return nil }
        return ids[entity]?[key]?[MatchKeyNormalizer.fold(reference.value)]
    }

    /// How many records of the referenced entity are known by an id kept where the reference's is.
    func known(for reference: DraftReference) -> Int {
        guard let key = reference.externalID, let entity = Self.entity(of: reference.kind) else { return 0 }
        return ids[entity]?[key]?.count ?? 0
    }

    static func entity(of kind: DraftReference.Kind) -> EntityKind? {
        switch kind {
        case .organization: return .organization
        case .contact: return .contact
        case .tag, .stage, .caseType, .caseStatus: return nil
        }
    }

    /// The row's problem when its id names no known record: where ids are looked for, and what
    /// to do (import the referenced records first), in the message itself, as the run's account
    /// lists messages without hints.
    func unresolved(_ reference: DraftReference, at provenance: SourceProvenance) -> RecordProblem {
        let key = reference.externalID ?? .extra("")
        let entity = Self.entity(of: reference.kind)?.rawValue ?? reference.kind.rawValue
        let known = known(for: reference)
        let message: String
        let hint: String
        switch key {
        case .extra(let extra):
            let first = Self.shippedImports[entity + "/" + extra].map { " (\($0))" } ?? ""
            message =
                known == 0
                ? "no \(entity) of this CRM is known by its \(extra) yet: "
                    + "import the \(entity)s first\(first), from this directory"
                : "no \(entity) imported into this CRM has this \(extra) (\(known) "
                    + "\(entity)s have one): is it in the export imported first\(first)?"
            hint =
                "the key ledger (.crmkit/runs/ledger.jsonl) links the "
                + "\(extra) of every \(entity) imported with a mapping "
                + "keyed by extras.\(extra) to its record"
        case .customField:
            message =
                "no \(entity) of this CRM has this id in its \(key.spelled) (\(known) \(entity)s have one): "
                + "import the \(entity)s first, writing their id into that field"
            hint = "the field is read from the \(entity)s the CRM holds"
        }
        return RecordProblem(
            provenance: provenance, field: reference.field, value: reference.value, reason: .unknownReference,
            message: message,
            hint: hint + "; onInvalid: reject rejects such rows, drop imports them without \(reference.field)")
    }

    /// The shipped mappings keying records by an extra, named in the hint as the import to run
    /// first (`entity/extra` → the export and its mapping).
    static let shippedImports: [String: String] = [
        "organization/salesforceId": "Account.csv with mappings/salesforce-accounts.yaml",
        "contact/salesforceId": "Contact.csv with mappings/salesforce-contacts.yaml",
        "organization/hubspotId": "the companies export with mappings/hubspot-companies.yaml",
        "contact/hubspotId": "the contacts export with mappings/hubspot-contacts.yaml",
        "organization/dynamicsId": "data.xml with mappings/dynamics-cmt-accounts.yaml",
        "contact/dynamicsId": "data.xml with mappings/dynamics-cmt-contacts.yaml",
    ]
}
