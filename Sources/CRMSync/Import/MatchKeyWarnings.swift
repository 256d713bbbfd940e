import CRMImport
import CRMModel

/// What a plan should tell its reader about the mapping's match keys on this file, gathered
/// while rows are planned: rows without any key value (a re-import cannot find the records
/// they create, and creates them again), and key values several rows share (folded into one
/// record, although, when the rows carry different external ids, they are different records).
struct MatchKeyWarnings: Sendable {
    private var keyless: [Int] = []
    /// Rows folded into an earlier row's step: (line, the owner's line, differing external id).
    private var folded: [(line: Int, ownerLine: Int, idField: String?)] = []
    /// The external ids of each owning step's row (`extras` whose name ends in `Id`).
    private var externalIDs: [Int: [String: String]] = [:]
    /// Rows that share a key with an earlier row but not its external id: kept as records of their own.
    private var keptApart: [(line: Int, ownerLine: Int, idField: String)] = []
    private var keptApartLines = Set<Int>()
    /// The first row holding each key value of the mapping's other keys, and its external id.
    private var firstHolder: [String: (line: Int, id: String)] = [:]

    /// Extras that hold another system's id of the row (`salesforceId`, `hubspotRecordId`), or
    /// of a record it refers to (`salesforceAccountId`).
    static func externalIDs(of extras: JSONObject) -> [String: String] {
        var ids: [String: String] = [:]
        for (name, value) in extras where name.hasSuffix("Id") || name.hasSuffix("ID") || name == "id" {
            if let text = value.stringValue, !text.isEmpty { ids[name] = text }
        }
        return ids
    }

    mutating func noteKeys(
        _ keys: [(rule: Int, key: String)], line: Int, stepID: Int, extras: JSONObject, mapping: Mapping
    ) {
        if keys.isEmpty, !mapping.matchKeys.isEmpty { keyless.append(line) }
        let ids = Self.externalIDs(of: extras)
        if !ids.isEmpty { externalIDs[stepID] = ids }
        // The mapping's other keys (a name, an e-mail) on rows with different external ids:
        // however the rows are then planned, the key is not unique in the file.
        guard let field = Self.idField(of: mapping), let own = extras[field]?.stringValue, !own.isEmpty else { return }
        for (rule, key) in keys where rule != 0 {
            guard let first = firstHolder[key] else {
                firstHolder[key] = (line, own)
                continue
            }
            if first.id != own, keptApartLines.insert(line).inserted { keptApart.append((line, first.line, field)) }
        }
    }

    /// The external id a mapping identifies its rows by: its first match key when that is one
    /// extra (`[extras.salesforceId]`), nil otherwise.
    static func idField(of mapping: Mapping) -> String? {
        guard let first = mapping.matchKeys.first, first.targets.count == 1, first.targets[0].hasPrefix("extras.")
        else { return nil }
        return String(first.targets[0].dropFirst("extras.".count))
    }

    /// Whether a row and an earlier row's step (`owner`) both carry the mapping's external id and
    /// the ids differ: two records of the other system are never one record here, so such a row
    /// neither folds into the step nor waits as a conflict with it.
    func differ(owner: Int, extras: JSONObject, mapping: Mapping) -> Bool {
        guard let field = Self.idField(of: mapping), let own = extras[field]?.stringValue, !own.isEmpty,
            let theirs = externalIDs[owner]?[field]
        else { return false }
        return theirs != own
    }

    /// Notes a row kept apart from `ownerLine`'s record by its external id.
    mutating func keptApart(line: Int, ownerLine: Int, mapping: Mapping) {
        guard keptApartLines.insert(line).inserted else { return }
        keptApart.append((line, ownerLine, Self.idField(of: mapping) ?? "external id"))
    }

    mutating func noteFold(line: Int, owner: Int, ownerLine: Int, extras: JSONObject) {
        let own = Self.externalIDs(of: extras), theirs = externalIDs[owner] ?? [:]
        let differing = own.keys.sorted().first { name in theirs[name].map { $0 != own[name] } ?? false }
        folded.append((line, ownerLine, differing))
    }

    /// The warnings, each one line for people (the first lines named, the rest counted).
    func messages(matchKeys: [MatchKeyRule]) -> [String] {
        var messages: [String] = []
        if !keyless.isEmpty {
            let keys = matchKeys.map { "[\($0.targets.joined(separator: ", "))]" }.joined(separator: " or ")
            messages.append(
                "\(keyless.count) rows have no match key (\(keys)): a re-import "
                    + "will create them again (lines \(Self.lines(keyless)))"
            )
        }
        let differing = folded.filter { $0.idField != nil }
        if !differing.isEmpty {
            let examples = differing.prefix(5).map {
                "line \($0.line) into line \($0.ownerLine) (different \($0.idField ?? ""))"
            }
            messages.append(
                "\(differing.count) rows share a match key with an earlier row "
                    + "that has a different external id, and are folded into it: "
                    + examples.joined(separator: ", ") + (differing.count > 5 ? ", …" : "")
                    + "; make the external id the first match key (matchKeys: [[extras.…Id], …])")
        }
        if !keptApart.isEmpty {
            let examples = keptApart.prefix(5).map { "line \($0.line) and line \($0.ownerLine)" }
            messages.append(
                "\(keptApart.count) rows share a match key with an earlier "
                    + "row but have a different \(keptApart[0].idField), "
                    + "so each is a record of its own: " + examples.joined(separator: ", ")
                    + (keptApart.count > 5 ? ", …" : ""))
        }
        let same = folded.filter { $0.idField == nil }
        if !same.isEmpty {
            let examples = same.prefix(5).map { "line \($0.line) into line \($0.ownerLine)" }
            messages.append(
                "\(same.count) rows repeat the match key of an earlier row and are folded into its record: "
                    + examples.joined(separator: ", ") + (same.count > 5 ? ", …" : ""))
        }
        return messages
    }

    private static func lines(_ lines: [Int]) -> String {
        lines.prefix(10).map(String.init).joined(separator: ", ") + (lines.count > 10 ? ", …" : "")
    }
}

extension ImportPlanner {
    /// The earlier row's step a match would fold the row into (or hold it in conflict with)
    /// although the two rows carry different external ids; nil when the match stands.
    func keptApartFrom(_ result: RowMatch, extras: JSONObject) -> Int? {
        switch result {
        case .repeats(let owner):
            return keyWarnings.differ(owner: owner, extras: extras, mapping: mapping) ? owner : nil
        case .conflict(let candidates):
            let owners = candidates.compactMap { $0.id == nil ? $0.step : nil }
            guard owners.count == candidates.count, let first = owners.first,
                owners.allSatisfy({ keyWarnings.differ(owner: $0, extras: extras, mapping: mapping) })
            else { return nil }
            return first
        default:
            return nil
        }
    }
}
