/// Colours are `#rgb` or `#rrggbb` hex, as the CRM accepts them.
enum ColorLint {
    static func isValid(_ color: String) -> Bool {
        guard color.first == "#" else { return false }
        let digits = color.dropFirst()
        return (digits.count == 3 || digits.count == 6) && digits.allSatisfy(\.isHexDigit)
    }

    static func check(_ color: String?, at location: SourceLocation, what: String) -> [SchemaDiagnostic] {
        guard let color, !isValid(color) else { return [] }
        return [
            SchemaDiagnostic(
                at: location, "\(what) colour '\(color)' is not #rgb or #rrggbb hex; write it like '#1e88e5' (quoted)")
        ]
    }
}
