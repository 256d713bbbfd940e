import CRMModel
import Foundation

/// Building `email`/`phone` arrays from several columns (Outlook's `E-mail 2 Address`), from
/// label columns (Google's `E-mail 1 - Type`, where `* ` marks the primary one), or from every
/// occurrence of a vCard property with its `TYPE`/`PREF` parameters and `itemN.X-ABLabel`.
extension Mapper {
    func labeledValues(_ entries: [EntryPlan], target: String, _ record: SourceRecord, _ draft: inout Draft)
        -> [LabeledEntry]
    {
        var list = EntryList(isPhone: target == "phone", capacity: entries.count)
        for (index, plan) in entries.enumerated() {
            addEntries(plan, index: index, target: target, record, &draft, to: &list)
        }
        return list.finish()
    }

    /// The values one entry rule finds in a record, added to `list`.
    private func addEntries(
        _ plan: EntryPlan, index: Int, target: String, _ record: SourceRecord, _ draft: inout Draft,
        to list: inout EntryList
    ) {
        if let property = plan.entry.property, let propertyValue = plan.propertyValue {
            let entry = plan.entry
            var occurrence = 0
            for field in record.fields where field.name == property {
                let single = SourceRecord(
                    provenance: record.provenance, fields: [SourceField(name: property, value: field.value)])
                let policy = index > 0 || occurrence > 0 ? FailurePolicy.secondary : .field
                occurrence += 1
                guard let flow = evaluate(propertyValue, single, &draft, name: .entry(target, index), policy: policy)
                else { continue }
                let label = entry.label ?? vCardLabel(field, record, entry.labels)
                let primary = entry.primary ?? (field.has("TYPE", "pref") || !field.parameter("PREF").isEmpty)
                for item in flow.items { list.add(item, label: label, primary: primary) }
            }
            return
        }
        if !plan.repeatableColumns.isEmpty, let repeated = Self.repeatedColumn(of: plan, in: record) {
            addRepeatedEntries(plan, column: repeated, index: index, target: target, record, &draft, to: &list)
            return
        }
        let policy = index > 0 ? FailurePolicy.secondary : .field
        guard let flow = evaluate(plan.value, record, &draft, name: .entry(target, index), policy: policy)
        else { return }
        let (label, primary) = labelAndPrimary(plan, written: plan.labelColumn?.value(in: record))
        flow.forEachItem { list.add($0, label: label, primary: primary) }
    }

    /// The label and primary flag of an entry whose label column holds `written` (Google's
    /// `* Home` marks the primary value).
    private func labelAndPrimary(_ plan: EntryPlan, written: String?) -> (String?, Bool) {
        var label = plan.label
        var primary = plan.primary ?? false
        if var written = written?.trimmingCharacters(in: .whitespaces), !written.isEmpty {
            if written.hasPrefix("*") {
                primary = plan.primary ?? true
                written = String(written.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            label = label ?? plan.labels[written.lowercased()] ?? written
        }
        return (label, primary)
    }

    /// The `from` column of a `from` + `labelFrom` entry when the record holds it more than once
    /// (an XML export's `phone-number` elements), else nil: the first of the entry's columns
    /// the record has decides, as `from` takes the first that has a value.
    static func repeatedColumn(of plan: EntryPlan, in record: SourceRecord) -> String? {
        for name in plan.repeatableColumns {
            var count = 0
            for field in record.fields where field.name == name {
                count += 1
                if count > 1 { return name }
            }
            if count == 1 { return nil }
        }
        return nil
    }

    /// Every value of a repeated `from` column, each with the label written next to it: the
    /// label field of the same group (the same XML element), else the one in the same place.
    private func addRepeatedEntries(
        _ plan: EntryPlan, column: String, index: Int, target: String, _ record: SourceRecord,
        _ draft: inout Draft, to list: inout EntryList
    ) {
        let labels = plan.entry.labelColumn.map { record.fields(named: $0.name) } ?? []
        var occurrence = 0
        for field in record.fields where field.name == column {
            let single = SourceRecord(
                provenance: record.provenance, fields: [SourceField(name: column, value: field.value)])
            let policy = index > 0 || occurrence > 0 ? FailurePolicy.secondary : .field
            // In a group of its own (an XML element), a value without a label field has none.
            let labelField =
                field.group.map { group in labels.first { $0.group == group } }
                ?? (occurrence < labels.count ? labels[occurrence] : nil)
            occurrence += 1
            guard let flow = evaluate(plan.value, single, &draft, name: .entry(target, index), policy: policy) else {
                continue
            }
            let (label, primary) = labelAndPrimary(plan, written: labelField?.value)
            flow.forEachItem { list.add($0, label: label, primary: primary) }
        }
    }

    static let genericTypes: Set<String> = ["voice", "internet", "x-internet", "pref", "msg", "text"]

    /// The label of a vCard value: its `X-ABLabel` (same group) or its `TYPE` values, looked up
    /// in the mapping's `labels`; `default` in `labels` when none matches.
    private func vCardLabel(_ field: SourceField, _ record: SourceRecord, _ labels: [String: String]) -> String? {
        if let group = field.group,
            let apple = record.fields.first(where: { $0.group == group && $0.name == "X-ABLABEL" })?.value
        {
            if let label = labels[apple.lowercased()] { return label }
        }
        // Specific types (cell, work) win over generic ones (voice, internet) whatever their order.
        let types = field.parameter("TYPE").map { $0.lowercased() }
        for type in types where !Self.genericTypes.contains(type) {
            if let label = labels[type] { return label }
        }
        for type in types where Self.genericTypes.contains(type) {
            if let label = labels[type] { return label }
        }
        return labels["default"]
    }
}

/// The entries of one list as they are added: repeats (by digits for phones, ignoring case for
/// e-mails) dropped, only the first primary kept. A struct of its own rather than variables a
/// nested function captures: captured, each access went through a box with a run-time
/// exclusivity check, several per entry.
struct EntryList {
    var values: [LabeledEntry] = []
    var seen: FewEntries
    var hasPrimary = false

    /// Room for this many entries, made at the first one (a record without any needs none).
    let capacity: Int

    init(isPhone: Bool, capacity: Int) {
        seen = FewEntries(identity: isPhone ? .digits : .caseless)
        self.capacity = capacity
    }

    mutating func add(_ value: String, label: String?, primary: Bool) {
        guard !value.isEmpty else { return }
        guard seen.insert(value, at: values.count).inserted else { return }
        if values.isEmpty { values.reserveCapacity(capacity) }
        let isPrimary = primary && !hasPrimary
        if isPrimary { hasPrimary = true }
        values.append(LabeledEntry(value: value, label: label, primary: isPrimary))
    }

    /// The list as the CRM stores it: the first entry primary when none is. Written so here,
    /// the validator finds every entry as it will be stored and has nothing to rewrite.
    ///
    /// Mutating and moving the values out rather than `consuming`, which would copy the list
    /// before destroying it.
    mutating func finish() -> [LabeledEntry] {
        if !hasPrimary, !values.isEmpty { values[0].primary = true }
        var taken: [LabeledEntry] = []
        swap(&taken, &values)
        return taken
    }
}
