import CRMModel

/// A form's fields prepared for checking drafts: each field's position by id, so the fields a
/// draft holds are found in the form by one lookup each (a draft fills a few of a form's
/// fields; the others only need the check that they are not required), and the positions of
/// the required custom fields, which every record must give. Held by reference: every record's
/// check reads it, and a value copy would retain each of its members.
final class PreparedForm: Sendable {
    let fields: [PreparedFormField]
    let positions: [String: Int]
    let requiredCustomFields: [Int]
    /// The required fields as bits by position (for forms of up to 64 fields).
    let requiredBits: UInt64

    init(_ form: [FormField]) {
        let fields = form.map(PreparedFormField.init)
        self.fields = fields
        var positions: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            if let id = field.id, positions[id] == nil { positions[id] = index }
        }
        self.positions = positions
        requiredCustomFields = fields.indices.filter { fields[$0].isCustom && fields[$0].isRequired }
        var required: UInt64 = 0
        for index in fields.indices.prefix(64) where fields[index].isRequired { required |= 1 << UInt64(index) }
        requiredBits = required
    }

    /// Which fields `keys` name, as bits by position; nil for a form of more than 64 fields
    /// (then every field is looked up).
    func present(_ keys: some Sequence<String>) -> UInt64? {
        guard fields.count <= 64 else { return nil }
        var bits: UInt64 = 0
        for key in keys {
            if let position = positions[key] { bits |= 1 << UInt64(position) }
        }
        return bits
    }

    /// Which fields a draft's values give, as bits by position; nil for a form of more than 64
    /// fields. `byRule`: see `position(of:byRule:)`.
    func present(_ values: [DraftField], byRule: [(target: String, position: Int?)]) -> UInt64? {
        guard fields.count <= 64 else { return nil }
        var bits: UInt64 = 0
        for field in values {
            if let position = position(of: field, byRule: byRule) { bits |= 1 << UInt64(position) }
        }
        return bits
    }

    /// Where in `values` the value of the form's field at `position` is (the first one).
    func valueIndex(at position: Int, in values: [DraftField], byRule: [(target: String, position: Int?)]) -> Int? {
        values.indices.first { self.position(of: values[$0], byRule: byRule) == position }
    }

    /// The form position of a draft value's target. `byRule` is the form position of each
    /// mapping rule's target (`rulePositions`), used for a value its rule set when the rule's
    /// target is the value's: found by number, where a search by name compares strings.
    func position(of field: DraftField, byRule: [(target: String, position: Int?)]) -> Int? {
        if let rule = field.rule, rule < byRule.count, byRule[rule].target == field.target {
            return byRule[rule].position
        }
        return positions[field.target]
    }

    /// The form position of each target, in order (a mapping's `fields`), for `present(_:byRule:)`.
    func rulePositions(_ targets: [String]) -> [(target: String, position: Int?)] {
        targets.map { (target: $0, position: positions[$0]) }
    }

    /// Whether the field `id` is in the form and required.
    func isRequired(_ id: String) -> Bool {
        positions[id].map { fields[$0].isRequired } ?? false
    }
}
