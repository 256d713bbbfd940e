import CRMDedupe
import CRMImport
import CRMModel

/// Turns a record (one already in the CRM, or a draft about to be written) into the strings its
/// match keys compare by, with the dedupe engine's normalisers: e-mails by address, phones in
/// E.164, other text case-folded with single spaces, references by the id they resolve to.
/// Both sides go through the same code, so a contact typed `(555) 123-4567` in the CRM matches
/// `+1 555 123 4567` in a file.
public struct MatchKeyNormalizer: Sendable {
    /// Each alternative's targets (`email`; `phone`, `name`; `extras.ticketId`).
    public let rules: [[String]]
    let phones: PhoneNormalizer
    let emails = EmailNormalizer()

    public init(rules: [[String]], defaultRegion: String) {
        self.rules = rules
        self.phones = PhoneNormalizer(defaultRegion: defaultRegion)
    }

    /// Whether a rule can be checked against records in the CRM: `extras.*` values are never
    /// sent, so keys naming them only find duplicates within the file.
    public static func isCRMSide(_ rule: [String]) -> Bool { !rule.contains { $0.hasPrefix("extras.") } }

    /// The key as the ledger stores it: named by its targets rather than by the rule's position,
    /// so it means the same under any mapping.
    public func ledgerKey(rule: Int, key: String) -> String {
        let values = key.firstIndex(of: "\u{1F}").map { String(key[$0...]) } ?? key
        return rules[rule].joined(separator: "+") + values
    }

    /// Every key string of `record` per rule (index in `rules`). `extras` are the draft's
    /// (empty for CRM records); `references` gives the value of a reference target that is not a
    /// plain field (an organization still to be created is `new:<name>`).
    public func keys(
        of record: JSONObject, extras: JSONObject = [:], references: [String: String] = [:],
        crmSide: Bool
    ) -> [(rule: Int, key: String)] {
        var result: [(Int, String)] = []
        for (index, rule) in rules.enumerated() where !crmSide || Self.isCRMSide(rule) {
            var combinations: [String] = [String(index)]
            for target in rule {
                let values = self.values(of: target, in: record, extras: extras, references: references)
                if values.isEmpty { combinations = []; break }
                combinations = combinations.flatMap { prefix in values.map { prefix + "\u{1F}" + $0 } }
                if combinations.count > 64 { combinations = Array(combinations.prefix(64)) }
            }
            result += combinations.map { (index, $0) }
        }
        return result
    }

    func values(of target: String, in record: JSONObject, extras: JSONObject, references: [String: String]) -> [String]
    {
        if target.hasPrefix("extras.") {
            return extras[String(target.dropFirst(7))].map { [Self.fold(Self.text($0))] }?.filter { !$0.isEmpty } ?? []
        }
        if let reference = references[target] { return [reference] }
        guard let value = record[target], !value.isEmptyValue else { return [] }
        switch target {
        case "email": return Self.entries(value).compactMap { emails.normalize($0)?.address }.uniqued()
        case "phone": return Self.entries(value).compactMap { phones.normalize($0)?.e164 }.uniqued()
        default:
            if case .object(let object) = value, let id = object["id"] { return [Self.fold(Self.text(id))] }
            return [Self.fold(Self.text(value))].filter { !$0.isEmpty }
        }
    }

    /// The values of a labeled array (`[{label, value, primary}]`), or of a plain string.
    static func entries(_ value: JSONValue) -> [String] {
        if case .array(let items) = value { return items.compactMap { $0["value"]?.stringValue ?? $0.stringValue } }
        return value.stringValue.map { [$0] } ?? []
    }

    static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.int64Value.map(String.init) ?? value.description
    }

    /// Lower-cased, whitespace runs folded to one space, trimmed.
    static func fold(_ text: String) -> String {
        text.foldingWhitespace().lowercased()
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
