/// A text built from source fields: `"{{First Name}} {{Last Name}}"`. Parsed once per mapping.
/// Rendering folds runs of whitespace and trims, so an empty middle name leaves no double space,
/// and a template whose fields are all empty renders as nothing (not as its separators).
public struct Template: Sendable {
    public enum Part: Sendable {
        case literal(String)
        case column(SourceColumn)
    }

    public var parts: [Part]
    public var columns: [SourceColumn] {
        parts.compactMap { if case .column(let column) = $0 { return column } else { return nil } }
    }

    /// Parses `text`; `location` is where the template starts in the mapping file.
    public static func parse(_ text: String, at location: MappingLocation) -> Result<Template, MappingDiagnostic> {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                return .failure(
                    MappingDiagnostic(
                        location: location, message: "template '\(text)' opens {{ without closing }}",
                        hint: "write each source field as {{Field Name}}"))
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                return .failure(
                    MappingDiagnostic(
                        location: location, message: "template '\(text)' has an empty {{}}",
                        hint: "name a source field between the braces"))
            }
            parts.append(.column(SourceColumn(name: name, location: location)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        return .success(Template(parts: parts))
    }
}

import Foundation
