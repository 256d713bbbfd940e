import Foundation

/// Reads a merge plan in exactly the layout `MergePlanYAML` writes, a line at a time, without
/// building a YAML node tree: a 10,000-group plan is ~460,000 lines, and the review page should
/// be up in well under a second. Anything it does not recognise (a hand edit in another YAML
/// style, a comment inside the plan, an unknown key) makes it answer nil, and the caller reads
/// the file with `MergePlanReader`, which accepts any YAML and reports mistakes where they are.
enum MergePlanLineReader {
    static func load(path: String) -> MergePlan? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var parser = Parser()
        var pending: [UInt8] = []
        while true {
            let read: Data?
            do { read = try handle.read(upToCount: 1 << 16) } catch { return nil }
            // nil or empty: the end of the file.
            guard let chunk = read, !chunk.isEmpty else { break }
            pending.append(contentsOf: chunk)
            var start = 0
            while let end = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                guard parser.line(pending[start..<end]) else { return nil }
                start = end + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { guard parser.line(pending[...]) else { return nil } }
        return parser.finish()
    }

    /// The plan being assembled; each `line` answers false when the line is not in the writer's layout.
    struct Parser {
        var version: Int?
        var entity: String?
        var records: Int?
        var threshold: Double?
        var groups: [MergePlan.Group] = []
        var sawGroups = false
        var group: PartialGroup?
        /// The list a `      - ` item belongs to: members, fields or pairs.
        var list: String?
        /// The nested list an item's `          - ` lines belong to: evidenceFor, evidenceAgainst, reasons.
        var nested: String?

        struct PartialGroup {
            var number: Int
            var band: String?
            var reviewed: Bool?
            var survivor: String?
            var survivorRule: String?
            var members: [MergePlan.Member]?
            var fields: [MergePlan.FieldOutcome]?
            var pairs: [MergePlan.Pair]?
            var item: [String: Value] = [:]
        }

        enum Value {
            case text(String), texts([String]), number(Double), boolean(Bool), list([String])
            var text: String? { if case .text(let value) = self { value } else { nil } }
            var texts: [String]? {
                switch self {
                case .texts(let values), .list(let values): values
                default: nil
                }
            }
            var number: Double? { if case .number(let value) = self { value } else { nil } }
        }

        mutating func line(_ bytes: ArraySlice<UInt8>) -> Bool {
            var indent = bytes.startIndex
            while indent < bytes.endIndex, bytes[indent] == UInt8(ascii: " ") { indent += 1 }
            let depth = indent - bytes.startIndex
            let rest = bytes[indent...]
            if rest.isEmpty { return true }
            if rest.first == UInt8(ascii: "#") { return depth == 0 && group == nil && !sawGroups }
            switch depth {
            case 0: return topLevel(rest)
            case 2: return startGroup(rest)
            case 4: return groupKey(rest)
            case 6: return startItem(rest)
            case 8: return itemKey(rest)
            case 10: return nestedItem(rest)
            default: return false
            }
        }

        mutating func topLevel(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard !sawGroups, let (key, value) = Self.pair(bytes) else { return false }
            switch key {
            case "version": version = value.number.flatMap { Int(exactly: $0) }
            case "entity": entity = value.text
            case "records": records = value.number.flatMap { Int(exactly: $0) }
            case "threshold": threshold = value.number
            case "groups":
                sawGroups = true
                return Self.isEmptyList(value)
            default: return false
            }
            return true
        }

        /// `key: []` or `key:` with the items on the lines that follow.
        static func isEmptyList(_ value: Value) -> Bool {
            switch value {
            case .list(let items), .texts(let items): items.isEmpty
            default: false
            }
        }

        mutating func startGroup(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard sawGroups, bytes.starts(with: Array("- ".utf8)), let (key, value) = Self.pair(bytes.dropFirst(2)),
                key == "group", let number = value.number.flatMap({ Int(exactly: $0) }), closeGroup()
            else { return false }
            group = PartialGroup(number: number)
            return true
        }

        mutating func groupKey(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard closeItem(), group != nil, let (key, value) = Self.pair(bytes) else { return false }
            list = nil
            switch key {
            case "band": group?.band = value.text
            case "reviewed":
                guard case .boolean(let reviewed) = value else { return false }
                group?.reviewed = reviewed
            case "survivor": group?.survivor = value.text
            case "survivorRule": group?.survivorRule = value.text
            case "members", "fields", "pairs":
                guard Self.isEmptyList(value) else { return false }
                list = key
                switch key {
                case "members": group?.members = []
                case "fields": group?.fields = []
                default: group?.pairs = []
                }
                return true
            default: return false
            }
            return key == "reviewed" || value.text != nil
        }

        mutating func startItem(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard list != nil, bytes.starts(with: Array("- ".utf8)), closeItem() else { return false }
            return itemKey(bytes.dropFirst(2))
        }

        mutating func itemKey(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard list != nil, let (key, value) = Self.pair(bytes), group?.item[key] == nil else { return false }
            group?.item[key] = value
            if case .list(let items) = value, items.isEmpty { nested = key } else { nested = nil }
            return true
        }

        mutating func nestedItem(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard let nested, bytes.starts(with: Array("- ".utf8)), case .list(var items)? = group?.item[nested],
                let (text, end) = Self.string(bytes.dropFirst(2)), end == bytes.endIndex
            else { return false }
            items.append(text)
            group?.item[nested] = .list(items)
            return true
        }

        /// Turns the collected keys of a list item into a member, field outcome or pair.
        mutating func closeItem() -> Bool {
            guard var current = group, !current.item.isEmpty, let list else { return true }
            let item = current.item
            current.item = [:]
            nested = nil
            let texts = { (key: String) in item[key]?.texts }
            let text = { (key: String) -> String?? in item[key].map { $0.text } }
            switch list {
            case "members":
                let known: Set = [
                    "id", "name", "emails", "phones", "organization", "jobTitle", "address", "createdOn", "updatedOn",
                ]
                guard Set(item.keys).isSubset(of: known), let id = item["id"]?.text, let emails = texts("emails"),
                    let phones = texts("phones")
                else { return false }
                for key in ["name", "organization", "jobTitle", "address", "createdOn", "updatedOn"]
                where text(key) == .some(nil) { return false }
                current.members?.append(
                    MergePlan.Member(
                        id: id, name: item["name"]?.text, emails: emails, phones: phones,
                        updatedOn: item["updatedOn"]?.text,
                        organization: item["organization"]?.text, jobTitle: item["jobTitle"]?.text,
                        address: item["address"]?.text,
                        createdOn: item["createdOn"]?.text))
            case "fields":
                guard item.count == 4, let field = item["field"]?.text, let rule = item["rule"]?.text,
                    let values = texts("values"),
                    let from = texts("from")
                else { return false }
                current.fields?.append(MergePlan.FieldOutcome(field: field, rule: rule, values: values, from: from))
            default:
                let known: Set = [
                    "records", "probability", "weight", "decision", "evidenceFor", "evidenceAgainst", "reasons",
                ]
                guard Set(item.keys).isSubset(of: known), let records = texts("records"),
                    let probability = item["probability"]?.number,
                    let weight = item["weight"]?.number, let decision = item["decision"]?.text,
                    let reasons = texts("reasons")
                else { return false }
                if item["evidenceFor"] != nil && texts("evidenceFor") == nil { return false }
                if item["evidenceAgainst"] != nil && texts("evidenceAgainst") == nil { return false }
                current.pairs?.append(
                    MergePlan.Pair(
                        records: records, probability: probability, weight: weight, decision: decision,
                        evidenceFor: texts("evidenceFor"), evidenceAgainst: texts("evidenceAgainst"), reasons: reasons))
            }
            group = current
            return true
        }

        mutating func closeGroup() -> Bool {
            guard closeItem() else { return false }
            list = nil
            guard let current = group else { return true }
            guard let survivor = current.survivor, let rule = current.survivorRule, let members = current.members,
                let fields = current.fields, let pairs = current.pairs
            else { return false }
            var finished = MergePlan.Group(
                group: current.number, band: current.band, survivor: survivor, survivorRule: rule,
                members: members, fields: fields, pairs: pairs)
            finished.reviewed = current.reviewed
            groups.append(finished)
            group = nil
            return true
        }

        /// The plan, if it is complete and would pass `MergePlanReader`'s checks.
        mutating func finish() -> MergePlan? {
            guard closeGroup(), sawGroups, let entity, let records, let threshold, let version else { return nil }
            var plan = MergePlan(entity: entity, records: records, threshold: threshold, groups: groups)
            plan.version = version
            guard entity == "contacts" || entity == "organizations" else { return nil }
            for group in plan.groups {
                if let band = group.band, !MergePlan.bands.contains(band) { return nil }
                if !group.members.contains(where: { $0.id == group.survivor }) { return nil }
            }
            return plan
        }

        /// `key: value` where value is a JSON string, a number, true/false, a list of JSON
        /// strings on one line, or nothing (a nested list follows; given as an empty `.list`).
        static func pair(_ bytes: ArraySlice<UInt8>) -> (String, Value)? {
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let key = String(decoding: bytes[..<colon], as: UTF8.self)
            guard !key.isEmpty,
                key.utf8.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") })
            else { return nil }
            var rest = bytes[(colon + 1)...]
            if rest.isEmpty { return (key, .list([])) }
            guard rest.first == UInt8(ascii: " ") else { return nil }
            rest = rest.dropFirst()
            switch rest.first {
            case UInt8(ascii: "\""):
                guard let (text, end) = string(rest), end == rest.endIndex else { return nil }
                return (key, .text(text))
            case UInt8(ascii: "["):
                guard let values = strings(rest) else { return nil }
                return (key, .texts(values))
            default:
                let word = String(decoding: rest, as: UTF8.self)
                if word == "true" { return (key, .boolean(true)) }
                if word == "false" { return (key, .boolean(false)) }
                guard let number = Double(word), number.isFinite else { return nil }
                return (key, .number(number))
            }
        }

        /// `["a", "b"]` (or `[]`), exactly as the writer separates items.
        static func strings(_ bytes: ArraySlice<UInt8>) -> [String]? {
            guard bytes.last == UInt8(ascii: "]") else { return nil }
            var rest = bytes.dropFirst().dropLast()
            var values: [String] = []
            while !rest.isEmpty {
                guard let (text, end) = string(rest) else { return nil }
                values.append(text)
                rest = rest[end...]
                if rest.isEmpty { break }
                guard rest.starts(with: Array(", ".utf8)) else { return nil }
                rest = rest.dropFirst(2)
                if rest.isEmpty { return nil }
            }
            return values
        }

        /// A JSON string starting at the first byte; answers it and the index after its closing quote.
        static func string(_ bytes: ArraySlice<UInt8>) -> (String, Int)? {
            guard bytes.first == UInt8(ascii: "\"") else { return nil }
            var out: [UInt8] = []
            var index = bytes.startIndex + 1
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { return (String(decoding: out, as: UTF8.self), index + 1) }
                if byte < 0x20 { return nil }
                guard byte == UInt8(ascii: "\\") else {
                    out.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < bytes.endIndex else { return nil }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var unit = hex(bytes, at: index) else { return nil }
                    index += 4
                    if (0xD800..<0xDC00).contains(unit) {
                        guard index + 6 <= bytes.endIndex, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u"),
                            let low = hex(bytes, at: index + 2), (0xDC00..<0xE000).contains(low)
                        else { return nil }
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    guard let scalar = Unicode.Scalar(unit) else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
            }
            return nil
        }

        static func hex(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt32? {
            guard index + 4 <= bytes.endIndex else { return nil }
            return UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
        }
    }
}
