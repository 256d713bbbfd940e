/// How a value is named in a problem (`phone[1].value`, `customFields.Budget`), spelled out only
/// when there is a problem, which values that map cleanly (nearly all) never have. An enum
/// rather than a closure that builds the name, so that naming a value captures nothing.
enum ValueName {
    /// A target field: `jobTitle`.
    case field(String)
    /// A field under a prefix: `customFields.` + `Budget`.
    case prefixed(String, String)
    /// An entry of a labeled list: `phone[1].value`.
    case entry(String, Int)
    /// A member of an object value: `period.start`.
    indirect case member(String, of: ValueName)

    /// The target this value belongs to, for deciding whether it may be dropped: the field, the
    /// custom field's key (`isCustom`), the list of an entry, the object of a member.
    var target: (name: String, isCustom: Bool) {
        switch self {
        case .field(let target): return (target, false)
        case .prefixed(let prefix, let target): return (target, prefix == "customFields.")
        case .entry(let target, _): return (target, false)
        case .member(_, let parent): return parent.target
        }
    }

    var text: String {
        switch self {
        case .field(let target): return target
        case .prefixed(let prefix, let target): return prefix + target
        case .entry(let target, let index): return "\(target)[\(index)].value"
        case .member(let member, let parent): return parent.text + "." + member
        }
    }
}
