import CRMModel

/// Writes contacts as vCards (RFC 6350 for 4.0, RFC 2426 for 3.0): name, organization, title,
/// labelled e-mails and phones, LinkedIn URL, note, tags as CATEGORIES, the CRM id as UID and the
/// last change as REV. Labels the vCard TYPE vocabulary has (work, home, cell, fax, …) become
/// TYPE parameters; any other label is kept as Apple's `itemN.X-ABLabel`, which Apple, Google and
/// `crmkit import` read. Lines end with CRLF and are folded at 75 octets.
struct VCardExportWriter: ExportRenderer {
    let version: VCardVersion
    /// Organization names by id, for ORG.
    let organizationNames: [String: String]

    func render(_ records: [JSONObject], entity: EntityKind, at offset: UInt64) -> String {
        var text = ""
        for record in records { text += card(record) }
        return text
    }

    func card(_ record: JSONObject) -> String {
        var lines: [String] = ["BEGIN:VCARD", "VERSION:\(version.rawValue)"]
        var group = 0
        let name = record["name"]?.stringValue ?? ""
        lines.append("FN:" + Self.escape(name))
        lines.append("N:" + Self.structuredName(name))
        if let organizationID = FieldFlattener.reference(record["organizationId"]),
            let organization = organizationNames[organizationID]
        {
            lines.append("ORG:" + Self.escape(organization))
        }
        if let title = record["jobTitle"]?.stringValue, !title.isEmpty { lines.append("TITLE:" + Self.escape(title)) }
        for (property, member, types) in [("EMAIL", "email", Self.emailTypes), ("TEL", "phone", Self.phoneTypes)] {
            guard case .array(let entries) = record[member] ?? .null else { continue }
            for entry in entries {
                guard let value = entry["value"]?.stringValue, !value.isEmpty else { continue }
                let label = entry["label"]?.stringValue ?? ""
                let primary = entry["primary"] == .bool(true)
                var parameters: [String] = []
                var typeValues: [String] = []
                if let type = types[label.lowercased()] { typeValues.append(type) }
                if primary && version == .v3 { typeValues.append("pref") }
                if !typeValues.isEmpty { parameters.append("TYPE=" + typeValues.joined(separator: ",")) }
                if primary && version == .v4 { parameters.append("PREF=1") }
                let head = property + parameters.map { ";" + $0 }.joined()
                if types[label.lowercased()] == nil && !label.isEmpty {
                    group += 1
                    lines.append("item\(group).\(head):\(Self.escape(value))")
                    lines.append("item\(group).X-ABLabel:\(Self.escape(label))")
                } else {
                    lines.append("\(head):\(Self.escape(value))")
                }
            }
        }
        if let linkedin = record["linkedin"]?.stringValue, !linkedin.isEmpty {
            lines.append("URL:" + Self.escape(linkedin))
        }
        if let note = record["note"]?.stringValue, !note.isEmpty { lines.append("NOTE:" + Self.escape(note)) }
        if case .array(let tags) = record["tags"] ?? .null {
            let labels = tags.compactMap { $0["label"]?.stringValue ?? $0.stringValue }.filter { !$0.isEmpty }
            if !labels.isEmpty { lines.append("CATEGORIES:" + labels.map(Self.escape).joined(separator: ",")) }
        }
        if let id = RecordIDOrder.id(of: record) { lines.append("UID:" + Self.escape("crm-contact-" + id)) }
        if let updated = record["updatedOn"]?.stringValue, !updated.isEmpty {
            lines.append("REV:" + Self.escape(updated))
        }
        lines.append("END:VCARD")
        return lines.map(Self.folded).joined()
    }

    /// CRM labels → vCard TYPE values (the reverse of the shipped vCard mapping's `labels`).
    static let emailTypes = ["work": "work", "personal": "home", "home": "home", "other": "other"]
    static let phoneTypes = [
        "work": "work", "mobile": "cell", "home": "home", "other": "other", "fax": "fax", "main": "voice",
        "pager": "pager",
    ]

    /// N's family;given;additional;prefix;suffix from a display name: the last word is taken as
    /// the family name (the CRM keeps one name; FN is the one readers show).
    static func structuredName(_ name: String) -> String {
        let words = name.split(separator: " ").map(String.init)
        guard let family = words.last else { return ";;;;" }
        return escape(family) + ";" + escape(words.dropLast().joined(separator: " ")) + ";;;"
    }

    /// TEXT value escaping: backslash, comma, semicolon, line breaks.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A content line folded after 75 octets (never inside a UTF-8 sequence), ending with CRLF.
    static func folded(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line + "\r\n" }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 74 * 3 + 2)
        var start = 0
        var limit = 75
        while start < bytes.count {
            var end = min(bytes.count, start + limit)
            while end < bytes.count && end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if start > 0 { out += [13, 10, 32] }
            out += bytes[start..<end]
            start = end
            limit = 74
        }
        out += [13, 10]
        return String(decoding: out, as: UTF8.self)
    }
}
