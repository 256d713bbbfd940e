/// Case types have no stable name in the API other than a UUID, so files name them by a key:
/// a slug of the label chosen at the first pull, then kept (the state maps it to the remote id).
enum CaseTypeKeys {
    /// `"Feature Request"` → `"feature-request"`; never empty.
    static func slug(_ label: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in label.lowercased() {
            if character.isLetter && character.isASCII || character.isNumber && character.isASCII {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.append(character)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "case-type" : slug
    }

    /// A key not yet in `taken`: the slug, else the slug with `-2`, `-3`, …
    static func unique(_ label: String, taken: Set<String>) -> String {
        let base = slug(label)
        guard taken.contains(base) else { return base }
        var counter = 2
        while taken.contains("\(base)-\(counter)") { counter += 1 }
        return "\(base)-\(counter)"
    }
}
