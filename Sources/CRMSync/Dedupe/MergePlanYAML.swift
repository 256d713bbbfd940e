import Foundation

/// Writes a merge plan as block YAML that reads top-down like a review: each group starts with
/// its survivor, then members, field outcomes and pair evidence. Strings are written as JSON
/// strings (valid YAML, so names with `:` or `#` need no special care).
public enum MergePlanYAML {
    public static func render(_ plan: MergePlan) -> String {
        var out = """
            # crmkit merge plan: review before merging. To skip a group, delete it; to keep
            # another record, change `survivor` to one of the group's member ids. Format: docs/dedupe.md.

            """
        out += "version: \(plan.version)\nentity: \(quoted(plan.entity))\nrecords: \(plan.records)\n"
        out += "threshold: \(plan.threshold)\n"
        if plan.groups.isEmpty { return out + "groups: []\n" }
        out += "groups:\n"
        for group in plan.groups {
            out += "  - group: \(group.group)\n"
            if let band = group.band { out += "    band: \(quoted(band))\n" }
            if let reviewed = group.reviewed { out += "    reviewed: \(reviewed)\n" }
            out += "    survivor: \(quoted(group.survivor))\n"
            out += "    survivorRule: \(quoted(group.survivorRule))\n"
            out += items(
                "members",
                group.members.map { member in
                    [("id", quoted(member.id))] + (member.name.map { [("name", quoted($0))] } ?? [])
                        + [("emails", list(member.emails)), ("phones", list(member.phones))]
                        + (member.organization.map { [("organization", quoted($0))] } ?? [])
                        + (member.jobTitle.map { [("jobTitle", quoted($0))] } ?? [])
                        + (member.address.map { [("address", quoted($0))] } ?? [])
                        + (member.createdOn.map { [("createdOn", quoted($0))] } ?? [])
                        + (member.updatedOn.map { [("updatedOn", quoted($0))] } ?? [])
                })
            out += items(
                "fields",
                group.fields.map { field in
                    [
                        ("field", quoted(field.field)), ("rule", quoted(field.rule)), ("values", list(field.values)),
                        ("from", list(field.from)),
                    ]
                })
            out += items(
                "pairs",
                group.pairs.map { pair in
                    [
                        ("records", list(pair.records)), ("probability", "\(pair.probability)"),
                        ("weight", "\(pair.weight)"),
                        ("decision", quoted(pair.decision)),
                    ]
                        // Absent in plans written before the evidence was split: left absent, so the plan
                        // reads back as the same plan.
                        + (pair.evidenceFor.map { nested("evidenceFor", $0) } ?? [])
                        + (pair.evidenceAgainst.map { nested("evidenceAgainst", $0) } ?? [])
                        + nested("reasons", pair.reasons)
                })
        }
        return out
    }

    /// `key:` followed by its items as a nested list (`key: []` when empty).
    static func nested(_ key: String, _ values: [String]) -> [(String, String)] {
        [(key, values.isEmpty ? "[]" : "")] + values.map { ("-", quoted($0)) }
    }

    /// A group's list under `key`: each item a block of `key: value` lines; `("-", v)` entries
    /// continue the previous key as a nested list.
    static func items(_ key: String, _ entries: [[(String, String)]]) -> String {
        guard !entries.isEmpty else { return "    \(key): []\n" }
        var out = "    \(key):\n"
        for entry in entries {
            for (n, (name, value)) in entry.enumerated() {
                if name == "-" {
                    out += "          - \(value)\n"
                } else {
                    out += (n == 0 ? "      - " : "        ") + name + (value.isEmpty ? ":" : ": " + value) + "\n"
                }
            }
        }
        return out
    }

    /// The string as `JSONEncoder` writes it (`"`, `\\`, `/` and control characters escaped, the
    /// rest as is), without an encoder per value: a large plan is rewritten after every review
    /// decision. Unlike `JSONEncoder`, the three characters YAML reads as line breaks inside a
    /// quoted string (U+0085, U+2028, U+2029) are escaped too, so a plan reads back as written.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22, 0x5C, 0x2F: out += [UInt8(ascii: "\\"), UInt8(scalar.value)]
            case 0x08: out += Array("\\b".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case ..<0x20, 0x85, 0x2028, 0x2029:
                out += Array("\\u".utf8)
                for shift in stride(from: 12, through: 0, by: -4) {
                    out.append(hexDigit(UInt8((scalar.value >> UInt32(shift)) & 0xF)))
                }
            default: out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    static func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ", ") + "]" }
}
