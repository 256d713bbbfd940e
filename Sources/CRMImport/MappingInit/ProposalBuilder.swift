import CRMModel
import Foundation

/// One rule of a proposed mapping: its target, its YAML (a flow value), and the comment above it.
struct ProposedRule: Sendable {
    var target: String
    var yaml: String
    var comment: String
}

/// Places every column of a sample: by the recognised export, then by the vocabulary of column
/// names, then by words in the name, then by the values; each placement checked against the
/// values with the mapper's own transforms (`TransformProbe`).
struct ProposalBuilder {
    let sample: ColumnSample
    let known: KnownExport?
    let entity: EntityKind
    let format: SourceFormat
    var rules: [ProposedRule] = []
    var extras: [ProposedRule] = []
    var decisions: [MappingProposal.ColumnDecision] = []
    var matchKeys: [[String]] = []

    private var placed: [(column: String, role: ColumnRole, certainty: MappingProposal.Certainty, why: String)] = []
    private var extraNames = Set<String>()
    private var probe: TransformProbe { TransformProbe(records: sample.records, format: format) }

    init(sample: ColumnSample, known: KnownExport?, entity: EntityKind, format: SourceFormat) {
        self.sample = sample
        self.known = known
        self.entity = entity
        self.format = format
    }

    mutating func build() {
        if format == .vcard { return buildVCard() }
        for column in sample.names { place(column) }
        compose()
    }

    // MARK: - Placing columns

    private mutating func place(_ column: String) {
        let values = sample.values(of: column)
        let product = known?.product ?? ""
        if let override = known?.role(of: column) {
            guard let role = override else { return keepExtra(column, why: "\(product): kept for reference") }
            return accept(column, role, .sure, why: "\(product) column")
        }
        if let role = ColumnVocabulary.role(of: column) {
            return accept(column, role, .sure, why: "a known column name for \(Self.describe(role))")
        }
        if let (role, word) = ColumnVocabulary.guess(column) {
            // A guess from the name alone is taken only when the values agree with it.
            guard !values.isEmpty else {
                return keepExtra(column, why: "named like \(Self.describe(role)), but empty in the sampled records")
            }
            switch role {
            case .email where !ValueSniffer.all(values, ValueSniffer.isEmail),
                .phone where !ValueSniffer.all(values, ValueSniffer.looksLikePhone):
                return keepExtra(column, why: "named like \(Self.describe(role)), but its values are not")
            default:
                return accept(column, role, .guessed, why: "its name contains '\(word)'")
            }
        }
        if ValueSniffer.all(values, ValueSniffer.isEmail) {
            return accept(column, .email(9), .guessed, why: "every value is an e-mail address")
        }
        if ValueSniffer.all(values, { ValueSniffer.isURL($0) && $0.lowercased().contains("linkedin.com") }) {
            return accept(column, .linkedin, .guessed, why: "every value is a LinkedIn address")
        }
        if ValueSniffer.all(values, ValueSniffer.isURL) {
            return accept(column, .website, .guessed, why: "every value is a web address")
        }
        if ValueSniffer.isPhoneColumn(values) {
            return accept(column, .phone(.other), .guessed, why: "every value looks like a phone number")
        }
        if let pattern = datePattern(column) {
            return keepExtra(
                column, transforms: "[{ date: \(Self.quote(pattern)) }]", why: "every value is a date (\(pattern))",
                certainty: .guessed)
        }
        if ValueSniffer.all(values, ValueSniffer.isBoolean) { return keepExtra(column, why: "yes/no values") }
        keepExtra(column, why: values.isEmpty ? "empty in the sampled records" : "no CRM field recognised")
    }

    /// Takes a column for `role` when its values fit (every e-mail an address, every phone a
    /// number, …); otherwise keeps it as an extra and says why.
    private mutating func accept(
        _ column: String, _ role: ColumnRole, _ certainty: MappingProposal.Certainty, why: String
    ) {
        switch role {
        case .email:
            guard probe.acceptsEntry("email", "{ from: \(Self.quote(column)), label: Work }", transform: "email") else {
                return keepExtra(column, why: "named like an e-mail, but not every value is an e-mail address")
            }
        case .phone:
            guard probe.acceptsEntry("phone", "{ from: \(Self.quote(column)), label: Work }", transform: "phone") else {
                return keepExtra(column, why: "named like a phone, but not every value is a phone number")
            }
        case .birthday, .closeDate:
            if let pattern = datePattern(column) {
                return keepExtra(
                    column, role: role, transforms: "[{ date: \(Self.quote(pattern)) }]",
                    why: "\(why); dates written \(pattern)",
                    certainty: certainty)
            }
            return keepExtra(
                column, role: role, why: "\(why); kept as written (no single date format fits every value)",
                certainty: certainty)
        case .amount:
            guard probe.accepts("{ from: \(Self.quote(column)), transforms: [{ money: USD }] }") else {
                return keepExtra(column, role: role, why: "\(why); not every value is an amount")
            }
        default: break
        }
        if placed.contains(where: { $0.role == role }), !Self.repeatable(role) {
            return keepExtra(column, role: role, why: "a second \(Self.describe(role)) column (the first is mapped)")
        }
        placed.append((column, role, certainty, why))
    }

    private func datePattern(_ column: String) -> String? {
        guard !sample.values(of: column).isEmpty else { return nil }
        return ValueSniffer.datePatterns.first { pattern in
            probe.accepts("{ from: \(Self.quote(column)), transforms: [{ date: \(Self.quote(pattern)) }] }")
        }
    }

    private mutating func keepExtra(
        _ column: String, role: ColumnRole? = nil, transforms: String? = nil, why: String,
        certainty: MappingProposal.Certainty = .extra
    ) {
        let name = uniqueExtraName(role.map { roleExtraName($0) } ?? Self.camelCase(column))
        let rule = transforms.map { "{ from: \(Self.quote(column)), transforms: \($0) }" } ?? Self.quote(column)
        extras.append(
            ProposedRule(
                target: name, yaml: rule, comment: "\(certainty == .extra ? "extra" : "\(certainty.rawValue)"): \(why)")
        )
        decisions.append(
            .init(column: column, certainty: certainty == .sure ? .sure : certainty, target: "extras.\(name)", why: why)
        )
    }

    private func roleExtraName(_ role: ColumnRole) -> String {
        switch role {
        case .recordID: known?.idName ?? "sourceId"
        case .accountID: known?.accountIDName ?? "accountId"
        default: role.extraName
        }
    }

    private mutating func uniqueExtraName(_ base: String) -> String {
        var name = base.isEmpty ? "column" : base
        var n = 2
        while extraNames.contains(name) { name = "\(base)\(n)"; n += 1 }
        extraNames.insert(name)
        return name
    }

    // MARK: - Composing rules

    private func columns(_ role: ColumnRole) -> [(column: String, certainty: MappingProposal.Certainty, why: String)] {
        placed.filter { $0.role == role }.map { ($0.column, $0.certainty, $0.why) }
    }

    private func first(_ role: ColumnRole) -> (column: String, certainty: MappingProposal.Certainty, why: String)? {
        columns(role).first
    }

    private mutating func decide(
        _ column: (column: String, certainty: MappingProposal.Certainty, why: String), _ target: String
    ) {
        decisions.append(.init(column: column.column, certainty: column.certainty, target: target, why: column.why))
    }

    private mutating func compose() {
        var used = Set<String>()
        func mark(_ names: [String]) { used.formUnion(names) }

        // The name (or title) first: it is required.
        switch entity {
        case .contact: composeName(target: "name", used: &used)
        case .organization: composeOrganizationName(used: &used)
        case .lead, .opportunity, .case: composeTitle(used: &used)
        }
        if entity == .contact || entity == .organization {
            composeEntries(
                target: "email", roles: (1...9).map { ColumnRole.email($0) }, transform: "email", used: &used)
            composeEntries(
                target: "phone", roles: ColumnRole.PhoneKind.allCases.map { ColumnRole.phone($0) }, transform: "phone",
                used: &used)
        }
        if entity != .organization, let company = first(.company), !used.contains(company.column) {
            rules.append(
                ProposedRule(
                    target: "organizationId", yaml: "{ from: \(Self.quote(company.column)), create: true }",
                    comment:
                        "\(company.certainty.rawValue): \(company.why); the "
                        + "organization is created when the CRM has none"
                ))
            decide(company, "organizationId"); used.insert(company.column)
        } else if entity != .organization, let keyedBy = known?.organizationsKeyedBy, let account = first(.accountID),
            !used.contains(account.column)
        {
            rules.append(
                ProposedRule(
                    target: "organizationId",
                    yaml: "{ from: \(Self.quote(account.column)), byExternalId: \(keyedBy) }",
                    comment:
                        "\(account.certainty.rawValue): \(account.why); it names the organization imported with "
                        + "extras.\(keyedBy) (import the organizations' export first)"))
            decide(account, "organizationId"); used.insert(account.column)
        }
        if entity == .contact {
            simple(.jobTitle, "jobTitle", used: &used)
            if let linkedin = first(.linkedin) {
                rules.append(
                    ProposedRule(
                        target: "linkedin", yaml: Self.quote(linkedin.column),
                        comment: "\(linkedin.certainty.rawValue): \(linkedin.why)"))
                decide(linkedin, "linkedin"); used.insert(linkedin.column)
            }
        }
        if entity == .organization {
            composeAddress(used: &used)
            simple(.website, "website", used: &used)
        }
        if entity == .lead || entity == .opportunity, let amount = first(.amount) {
            rules.append(
                ProposedRule(
                    target: "value", yaml: "{ from: \(Self.quote(amount.column)), transforms: [{ money: USD }] }",
                    comment:
                        "\(amount.certainty.rawValue): \(amount.why); amounts in USD unless the text names a currency"))
            decide(amount, "value"); used.insert(amount.column)
        }
        if entity != .case { simple(.note, "note", used: &used) }
        if let tags = first(.tags) {
            let separator = sample.values(of: tags.column).contains { $0.contains(" ::: ") } ? " ::: " : ";"
            rules.append(
                ProposedRule(
                    target: "tags",
                    yaml:
                        "{ from: \(Self.quote(tags.column)), transforms: [{ "
                        + "split: \(Self.quote(separator)) }], create: true }",
                    comment: "\(tags.certainty.rawValue): \(tags.why); tags are created when missing"))
            decide(tags, "tags"); used.insert(tags.column)
        }
        // Everything else is kept as an extra.
        for item in placed where !used.contains(item.column) {
            keepExtra(
                item.column, role: item.role, why: "\(item.why); " + Self.extraReason(item.role, entity: entity),
                certainty: item.role == .recordID || item.role == .accountID ? item.certainty : .extra)
        }
        composeMatchKeys()
    }

    private mutating func simple(_ role: ColumnRole, _ target: String, used: inout Set<String>) {
        guard let column = first(role), !used.contains(column.column) else { return }
        rules.append(
            ProposedRule(
                target: target, yaml: Self.quote(column.column), comment: "\(column.certainty.rawValue): \(column.why)")
        )
        decide(column, target); used.insert(column.column)
    }

    private mutating func composeName(target: String, used: inout Set<String>) {
        let parts = [ColumnRole.firstName, .middleName, .lastName, .suffix].compactMap(first)
        var chain: [String] = []
        var why: [String] = []
        if !parts.isEmpty {
            chain.append("template: " + Self.quote(parts.map { "{{\($0.column)}}" }.joined(separator: " ")))
            for part in parts { decide(part, target); used.insert(part.column) }
            why.append("\(parts.map { "'\($0.column)'" }.joined(separator: ", ")) (\(parts[0].why))")
        }
        if let full = first(.fullName) {
            chain.append("from: \(Self.quote(full.column))")
            decide(full, target); used.insert(full.column)
            why.append("'\(full.column)' (\(full.why))")
        }
        if let email = first(.email(1)) ?? columns(.email(9)).first {
            chain.append("from: \(Self.quote(email.column)), transforms: [email], onInvalid: drop")
            why.append("the e-mail when there is no name")
        }
        rules.append(
            ProposedRule(
                target: target, yaml: Self.chain(chain, default: "(no name)"),
                comment: "name from "
                    + (why.isEmpty
                        ? "nothing in the file: every record is named (no name)" : why.joined(separator: ", then "))))
    }

    private mutating func composeOrganizationName(used: inout Set<String>) {
        var chain: [String] = []
        var why: [String] = []
        for role in [ColumnRole.company, .fullName] {
            if let column = first(role) {
                chain.append("from: \(Self.quote(column.column))")
                decide(column, "name"); used.insert(column.column)
                why.append("'\(column.column)' (\(column.why))")
            }
        }
        rules.append(
            ProposedRule(
                target: "name", yaml: Self.chain(chain, default: "(no name)"),
                comment: "name from " + (why.isEmpty ? "nothing in the file" : why.joined(separator: ", then "))))
    }

    private mutating func composeTitle(used: inout Set<String>) {
        var chain: [String] = []
        var why: [String] = []
        if let deal = first(.dealName) {
            chain.append("from: \(Self.quote(deal.column))"); decide(deal, "title"); used.insert(deal.column);
            why.append("'\(deal.column)'")
        }
        let parts = [ColumnRole.firstName, .lastName].compactMap(first)
        if let full = first(.fullName) {
            chain.append("from: \(Self.quote(full.column))"); decide(full, "title"); used.insert(full.column);
            why.append("'\(full.column)'")
        } else if !parts.isEmpty {
            chain.append("template: " + Self.quote(parts.map { "{{\($0.column)}}" }.joined(separator: " ")))
            for part in parts { decide(part, "title"); used.insert(part.column) }
            why.append(parts.map { "'\($0.column)'" }.joined(separator: " + "))
        }
        rules.append(
            ProposedRule(
                target: "title", yaml: Self.chain(chain, default: "(no title)"),
                comment: "title from " + (why.isEmpty ? "nothing in the file" : why.joined(separator: ", then "))))
    }

    private mutating func composeEntries(
        target: String, roles: [ColumnRole], transform: String, used: inout Set<String>
    ) {
        var entries: [String] = []
        var comments: [String] = []
        for role in roles {
            for column in columns(role) where !used.contains(column.column) {
                let label = Self.label(role, entity: entity)
                let primary = entries.isEmpty ? ", primary: true" : ""
                entries.append("{ from: \(Self.quote(column.column)), label: \(label)\(primary) }")
                comments.append("'\(column.column)' \(column.certainty.rawValue): \(column.why)")
                decide(column, target); used.insert(column.column)
            }
        }
        // Google's label/value column pairs (`E-mail 1 - Value` with `E-mail 1 - Type`/`Label`).
        let stem = target == "email" ? "E-mail" : "Phone"
        for column in sample.names
        where column.hasPrefix(stem + " ") && column.hasSuffix(" - Value") && !used.contains(column) {
            let base = String(column.dropLast(" - Value".count))
            guard probe.acceptsEntry(target, "{ from: \(Self.quote(column)), label: Other }", transform: transform)
            else { continue }
            let labelColumn = [base + " - Type", base + " - Label"].first { sample.names.contains($0) }
            let labels =
                target == "email"
                ? "{ work: Work, home: Personal, other: Other }"
                : "{ mobile: Mobile, work: Work, home: Home, main: Work, other: Other }"
            let entry =
                labelColumn.map { "{ from: \(Self.quote(column)), labelFrom: \(Self.quote($0)), labels: \(labels) }" }
                ?? "{ from: \(Self.quote(column)), label: Other }"
            entries.append(entry)
            comments.append(
                "'\(column)' sure: Google's \(stem) value column"
                    + (labelColumn.map { " with its label in '\($0)'" } ?? ""))
            decisions.append(.init(column: column, certainty: .sure, target: target, why: "Google's value column"))
            used.insert(column)
            if let labelColumn {
                decisions.append(
                    .init(column: labelColumn, certainty: .sure, target: target, why: "the label of '\(column)'"))
                used.insert(labelColumn)
                extras.removeAll { $0.yaml == Self.quote(labelColumn) }
                decisions.removeAll { $0.column == labelColumn && $0.certainty == .extra }
            }
        }
        guard !entries.isEmpty else { return }
        let body =
            "\n    entries:\n" + entries.map { "      - \($0)" }.joined(separator: "\n")
            + "\n    transforms: [\(transform)]"
        rules.append(ProposedRule(target: target, yaml: body, comment: comments.joined(separator: "\n# ")))
    }

    private mutating func composeAddress(used: inout Set<String>) {
        let parts = [ColumnRole.street, .city, .region, .postalCode, .country].compactMap(first)
        guard !parts.isEmpty else { return }
        for part in parts { decide(part, "address"); used.insert(part.column) }
        let template = parts.map { "{{\($0.column)}}" }.joined(separator: ", ")
        let yaml =
            "\n    template: \(Self.quote(template))\n    transforms:\n"
            + "      - replace: { pattern: \"(\\\\s*,)+\\\\s*\", with: \", \" }\n"
            + "      - replace: { pattern: \"^[,\\\\s]+|[,\\\\s]+$\", with: \"\" }"
        rules.append(
            ProposedRule(
                target: "address", yaml: yaml,
                comment: "address from " + parts.map { "'\($0.column)'" }.joined(separator: ", ")
                    + "; the separators of empty parts are removed"))
    }

    private mutating func composeMatchKeys() {
        if let id = extras.first(where: { $0.target == roleExtraName(.recordID) }) {
            matchKeys.append(["extras.\(id.target)"])
        }
        let targets = Set(rules.map(\.target))
        switch entity {
        case .contact:
            if targets.contains("email") { matchKeys.append(["email"]) }
            if targets.contains("phone") { matchKeys.append(["phone", "name"]) }
            if matchKeys.isEmpty { matchKeys.append(["name"]) }
        case .organization:
            matchKeys.append(["name"])
        case .lead, .opportunity, .case:
            matchKeys.append(targets.contains("organizationId") ? ["title", "organizationId"] : ["title"])
        }
    }

    // MARK: - vCard

    private mutating func buildVCard() {
        let present = Set(sample.names)
        let nParts = ["N.prefix", "N.given", "N.additional", "N.family", "N.suffix"].filter(present.contains)
        var chain: [String] = []
        if present.contains("FN") { chain.append("from: FN, transforms: [fold-whitespace]") }
        if !nParts.isEmpty {
            chain.append("template: " + Self.quote(nParts.map { "{{\($0)}}" }.joined(separator: " ")))
        }
        if present.contains("EMAIL") { chain.append("from: EMAIL, transforms: [email], onInvalid: drop") }
        rules.append(
            ProposedRule(
                target: "name", yaml: Self.chain(chain, default: "(no name)"),
                comment: "name from FN, then the parts of N, then the e-mail"))
        for name in ["FN"] + nParts where present.contains(name) {
            decisions.append(.init(column: name, certainty: .sure, target: "name", why: "vCard name"))
        }
        let vcardEntries: [(String, String, String, String)] = [
            (
                "email", "EMAIL", "{ work: Work, home: Personal, internet: Other, other: Other, default: Other }",
                "email"
            ),
            (
                "phone", "TEL",
                "{ cell: Mobile, mobile: Mobile, iphone: Mobile, work: Work, home: "
                    + "Home, main: Work, voice: Other, other: Other, default: Other }",
                "phone"
            ),
        ]
        for (target, property, labels, transform) in vcardEntries where present.contains(property) {
            let yaml = "\n    property: \(property)\n    labels: \(labels)\n    transforms: [\(transform)]"
            let probeYAML = "target: contact\nsource: { format: vcard }\nfields:\n  \(target):\(yaml)\n"
            if let mapping = try? MappingParser.parse(yaml: probeYAML, file: "probe.yaml"),
                sample.records.allSatisfy({
                    let d = Mapper(mapping: mapping).map($0);
                    return d.problems.isEmpty && d.dropped.isEmpty && d.pendingDrops.isEmpty
                })
            {
                rules.append(
                    ProposedRule(
                        target: target, yaml: yaml, comment: "sure: every \(property) of a card, labelled by its TYPE"))
                decisions.append(.init(column: property, certainty: .sure, target: target, why: "vCard \(property)"))
            } else {
                keepExtra(property, why: "not every \(property) value is valid: the first one is kept as written")
            }
        }
        let simple: [(String, String, String)] = [("TITLE", "jobTitle", "vCard TITLE"), ("NOTE", "note", "vCard NOTE")]
        for (property, target, why) in simple where present.contains(property) {
            rules.append(ProposedRule(target: target, yaml: property, comment: "sure: \(why)"))
            decisions.append(.init(column: property, certainty: .sure, target: target, why: why))
        }
        if present.contains("ORG.name") {
            rules.append(
                ProposedRule(
                    target: "organizationId", yaml: "{ from: ORG.name, create: true }",
                    comment: "sure: vCard ORG; created when missing"))
            decisions.append(.init(column: "ORG.name", certainty: .sure, target: "organizationId", why: "vCard ORG"))
        }
        if present.contains("CATEGORIES") {
            rules.append(
                ProposedRule(
                    target: "tags", yaml: "{ from: CATEGORIES, create: true }",
                    comment: "sure: vCard CATEGORIES; tags created when missing"))
            decisions.append(.init(column: "CATEGORIES", certainty: .sure, target: "tags", why: "vCard CATEGORIES"))
        }
        let handled = Set(["FN", "EMAIL", "TEL", "TITLE", "NOTE", "ORG.name", "CATEGORIES"] + nParts)
        for name in sample.names
        where !handled.contains(name) && !["VERSION", "PRODID", "PHOTO", "UID", "REV", "N"].contains(name) {
            keepExtra(name, why: "vCard \(name)")
        }
        matchKeys = present.contains("EMAIL") && rules.contains(where: { $0.target == "email" }) ? [["email"]] : []
        if rules.contains(where: { $0.target == "phone" }) { matchKeys.append(["phone", "name"]) }
        if matchKeys.isEmpty { matchKeys = [["name"]] }
    }

    // MARK: - Text

    static func chain(_ steps: [String], default fallback: String) -> String {
        guard let firstStep = steps.first else { return "{ value: \(quote(fallback)) }" }
        var text = "{ \(firstStep)"
        for step in steps.dropFirst() { text += ", fallback: { \(step)" }
        text += String(repeating: " }", count: steps.count - 1)
        return text + ", default: \(quote(fallback)) }"
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A key as YAML takes it: plain when it is letters and digits, quoted otherwise.
    static func yamlKey(_ key: String) -> String {
        key.allSatisfy { $0.isLetter || $0.isNumber } ? key : quote(key)
    }

    static func camelCase(_ column: String) -> String {
        // An upper-case word (a vCard property, `ADR`) reads as a word: `adrStreet`, not `aDRStreet`.
        let words = column.split { !($0.isLetter || $0.isNumber) }.map { word in
            word.allSatisfy { !$0.isLowercase } ? word.prefix(1) + word.dropFirst().lowercased() : String(word)
        }
        guard let head = words.first else { return "column" }
        var name = head.prefix(1).lowercased() + head.dropFirst()
        for word in words.dropFirst() { name += word.prefix(1).uppercased() + word.dropFirst() }
        if name.first?.isNumber == true { name = "column" + name }
        return name
    }

    static func label(_ role: ColumnRole, entity: EntityKind) -> String {
        switch role {
        case .email(let n): n == 1 ? "Work" : n == 2 ? "Personal" : "Other"
        case .phone(let kind):
            switch kind {
            case .work: "Work"
            case .mobile: "Mobile"
            case .home: "Home"
            case .other: "Other"
            case .main, .fax: entity == .organization ? kind.rawValue : "Other"
            }
        default: "Other"
        }
    }

    static func repeatable(_ role: ColumnRole) -> Bool {
        switch role {
        case .email, .phone: true
        default: false
        }
    }

    static func describe(_ role: ColumnRole) -> String {
        switch role {
        case .email: "e-mail"
        case .phone(let kind): "\(kind.rawValue.lowercased()) phone"
        default: role.extraName
        }
    }

    static func extraReason(_ role: ColumnRole, entity: EntityKind) -> String {
        switch role {
        case .department, .industry, .stage, .leadSource:
            "the CRM's field is a dropdown: map the values to its options (map:) and move the rule to fields"
        case .recordID: "the exporting system's id, the first match key: a re-import finds each record by it"
        case .accountID: "the id of the record's organization in the exporting system"
        default: "\(entity.plural) have no such field"
        }
    }
}
