import CRMDedupe
import CRMModel

/// The target CRM's records of one entity, indexed the way a copy looks for the record a source
/// record already is: people and organizations by every e-mail, phone and name (candidates the
/// identity model then judges), leads, opportunities and cases by title and the records they
/// link to.
struct TargetRecords {
    let entity: EntityKind
    let records: [JSONObject]
    let identity: IdentityRecords
    /// The identity model's view of each record, by position.
    let identities: [DedupeRecord]
    private var byKey: [String: [Int]] = [:]

    static let contactKeys = MatchKeyNormalizer(rules: [["email"], ["phone"]], defaultRegion: "US")

    init(entity: EntityKind, records: [JSONObject], organizationNames: [String: String]) {
        self.entity = entity
        self.records = records
        let identity = IdentityRecords(entity: entity, organizationNames: organizationNames)
        self.identity = identity
        identities =
            IdentityRecords.judges(entity)
            ? records.enumerated().map { identity.record($0.element, index: $0.offset) } : []
        for (index, record) in records.enumerated() {
            for key in Self.keys(of: record, entity: entity, links: Self.linkKeys(of: record)) {
                byKey[key, default: []].append(index)
            }
        }
    }

    /// Positions of the records sharing a key with `record` (`links`: the link fields as
    /// `id:TARGET` or `step:N`), oldest first, each once.
    func candidates(_ record: JSONObject, links: [String: String]) -> [Int] {
        var seen = Set<Int>()
        return Self.keys(of: record, entity: entity, links: links).flatMap { byKey[$0] ?? [] }.filter {
            seen.insert($0).inserted
        }
        .sorted { RecordOrder.oldestFirst(records[$0], records[$1]) }
    }

    /// Which keys found `index` by e-mail or phone (rather than by name alone).
    func sharesAddress(_ record: JSONObject, with index: Int) -> Bool {
        let mine = Set(Self.contactKeys.keys(of: record, crmSide: true).map(\.key))
        return Self.contactKeys.keys(of: records[index], crmSide: true).contains { mine.contains($0.key) }
    }

    static func keys(of record: JSONObject, entity: EntityKind, links: [String: String]) -> [String] {
        if IdentityRecords.judges(entity) {
            let name = record["name"].map { "name:" + MatchKeyNormalizer.fold(MatchKeyNormalizer.text($0)) }
            return contactKeys.keys(of: record, crmSide: true).map(\.key) + [name].compactMap { $0 }
        }
        let title = MatchKeyNormalizer.fold(record["title"].map(MatchKeyNormalizer.text) ?? "")
        return ["title:\(title)|contact:\(links["contactId"] ?? "")|organization:\(links["organizationId"] ?? "")"]
    }

    /// A target record's links as `keys` compares them.
    static func linkKeys(of record: JSONObject) -> [String: String] {
        var links: [String: String] = [:]
        for field in ["contactId", "organizationId"] {
            if let id = record[field].flatMap(RecordTranslation.text) { links[field] = "id:" + id }
        }
        return links
    }
}
