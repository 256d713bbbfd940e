/// `crmkit schema lint`: every problem in the files, offline, sorted by file and position.
public enum SchemaLinter {
    public static func lint(_ loaded: LoadedSchema) -> [SchemaDiagnostic] {
        var diagnostics = loaded.diagnostics
        for file in loaded.forms {
            guard let form = file.content else { continue }
            diagnostics += FormLint.check(form.fields, path: "fields", in: file)
        }
        for file in loaded.tagSets {
            diagnostics += TagLint.check(file)
        }
        for file in loaded.caseTypes {
            guard let caseType = file.content else { continue }
            if !isValidKey(caseType.key) {
                diagnostics.append(
                    .init(
                        at: SourceLocation(file: file.file),
                        "case type file name '\(caseType.key)' is not a key; use lowercase "
                            + "letters, digits and dashes (e.g. feature-request.yaml)"
                    ))
            }
            if caseType.label.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(.init(at: file.location("label"), "a case type needs a non-empty 'label'"))
            }
            diagnostics += FormLint.check(caseType.form, path: "form", in: file)
            diagnostics += WorkflowLint.check(caseType.workflow, in: file)
        }
        return diagnostics.sorted {
            ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message)
        }
    }

    public static func errors(_ diagnostics: [SchemaDiagnostic]) -> [SchemaDiagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
    }
}
