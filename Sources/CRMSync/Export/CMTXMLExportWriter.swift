import CRMModel

/// Renders records in the layout of the Dynamics 365 Configuration Migration Tool's `data.xml`:
/// `<entities><entity name="contact"><records><record id="…"><field name="…" value="…"/>`.
///
/// Contacts and organizations use the Dataverse column names for what Dataverse has
/// (`firstname`, `emailaddress1`, `telephone1`, `parentcustomerid`, …), which is what the shipped
/// `dynamics-cmt-*.yaml` mappings read back; every other member keeps its flattened crmkit name
/// (`FieldFlattener`), so nothing is left out.
struct CMTXMLExportWriter: ExportRenderer {
    /// Organization names by id, for `parentcustomerid`'s `lookupentityname`.
    let organizationNames: [String: String]
    let timestamp: String

    func fileHead() -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<entities timestamp=\"\(Self.escape(timestamp))\">\n"
    }

    func entityHead(_ entity: EntityKind) -> String {
        "  <entity name=\"\(Self.logicalName(entity))\" displayname=\"\(Self.displayName(entity))\">\n    <records>\n"
    }

    func render(_ records: [JSONObject], entity: EntityKind, at offset: UInt64) -> String {
        var text = ""
        text.reserveCapacity(records.count * 1024)
        for record in records { self.record(record, entity: entity, to: &text) }
        return text
    }

    func entityTail(_ entity: EntityKind) -> String { "    </records>\n  </entity>\n" }

    func fileTail() -> String { "</entities>\n" }

    static func logicalName(_ entity: EntityKind) -> String {
        switch entity {
        case .contact: return "contact"
        case .organization: return "account"
        case .lead: return "lead"
        case .opportunity: return "opportunity"
        case .case: return "incident"
        }
    }

    static func displayName(_ entity: EntityKind) -> String {
        switch entity {
        case .contact: return "Contact"
        case .organization: return "Account"
        case .lead: return "Lead"
        case .opportunity: return "Opportunity"
        case .case: return "Case"
        }
    }

    func record(_ record: JSONObject, entity: EntityKind, to out: inout String) {
        let id = RecordIDOrder.id(of: record) ?? ""
        out += "      <record id=\""
        Self.escape(id, to: &out)
        out += "\">\n"
        var rest = record
        var fields: [(String, String, String)] = []  // name, value, extra attributes
        switch entity {
        case .contact: contactFields(&rest, into: &fields)
        case .organization: organizationFields(&rest, into: &fields)
        default: break
        }
        rest["id"] = nil
        if !id.isEmpty { fields.insert(("\(Self.logicalName(entity))id", id, ""), at: 0) }
        for cell in FieldFlattener.flatten(rest) { fields.append((cell.column, cell.text, "")) }
        for (name, value, extra) in fields {
            out += "        <field name=\""
            Self.escape(name, to: &out)
            out += "\" value=\""
            Self.escape(value, to: &out)
            out += "\""
            out += extra
            out += " />\n"
        }
        out += "      </record>\n"
    }

    /// Dataverse's contact columns; the e-mails and phones that have no slot stay in `email.N.*`.
    private func contactFields(_ record: inout JSONObject, into fields: inout [(String, String, String)]) {
        if let name = record["name"]?.stringValue {
            var words = name.split(separator: " ").map(String.init)
            let last = words.popLast() ?? ""
            if !words.isEmpty { fields.append(("firstname", words.joined(separator: " "), "")) }
            fields.append(("lastname", last, ""))
            record["name"] = nil
        }
        record["email"] = slots(
            record["email"], ["work": "emailaddress1", "personal": "emailaddress2", "other": "emailaddress3"], &fields)
        record["phone"] = slots(
            record["phone"], ["work": "telephone1", "mobile": "mobilephone", "home": "telephone2"], &fields)
        if let title = record["jobTitle"]?.stringValue {
            fields.append(("jobtitle", title, ""))
            record["jobTitle"] = nil
        }
        if let note = record["note"]?.stringValue {
            fields.append(("description", note, ""))
            record["note"] = nil
        }
        if let organizationID = FieldFlattener.reference(record["organizationId"]) {
            var extra = " lookupentity=\"account\""
            if let name = organizationNames[organizationID] { extra += " lookupentityname=\"\(Self.escape(name))\"" }
            fields.append(("parentcustomerid", organizationID, extra))
            record["organizationId"] = nil
        }
    }

    private func organizationFields(_ record: inout JSONObject, into fields: inout [(String, String, String)]) {
        for (member, column) in [
            ("name", "name"), ("website", "websiteurl"), ("note", "description"), ("address", "address1_line1"),
        ] {
            if let text = record[member]?.stringValue {
                fields.append((column, text, ""))
                record[member] = nil
            }
        }
        record["email"] = slots(record["email"], ["main": "emailaddress1"], &fields)
        record["phone"] = slots(record["phone"], ["main": "telephone1", "fax": "fax"], &fields)
    }

    /// Puts the first entry of each label into its Dataverse column; answers the entries left.
    private func slots(_ list: JSONValue?, _ columns: [String: String], _ fields: inout [(String, String, String)])
        -> JSONValue?
    {
        guard case .array(let entries) = list ?? .null else { return list }
        var used = Set<String>()
        var left: [JSONValue] = []
        for entry in entries {
            let label = entry["label"]?.stringValue?.lowercased() ?? ""
            if let column = columns[label], !used.contains(column), let value = entry["value"]?.stringValue {
                used.insert(column)
                fields.append((column, value, ""))
            } else {
                left.append(entry)
            }
        }
        return left.isEmpty ? nil : .array(left)
    }

    /// Attribute text: `& < > "` as entities, line breaks and tabs as character references so
    /// they survive attribute-value normalisation.
    static func escape(_ text: String) -> String {
        var out = ""
        escape(text, to: &out)
        return out
    }

    /// `escape`, appended to `out`; text with nothing to escape (nearly all) is appended whole.
    static func escape(_ text: String, to out: inout String) {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                // Control characters XML 1.0 cannot carry at all are dropped.
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
    }
}
