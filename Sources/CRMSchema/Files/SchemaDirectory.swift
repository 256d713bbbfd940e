import CRMModel
import Foundation

/// The on-disk layout of a schema directory:
///
///     crm-schema/
///       forms/contacts.yaml, organizations.yaml, opportunities.yaml
///       tags/leads.yaml, opportunities.yaml, contacts.yaml, organizations.yaml, cases.yaml
///       case-types/<key>.yaml
///       .crmkit-state.json   (machine-owned)
///       history.jsonl        (append-only)
///
/// A missing form or tags file means "not managed here" (nothing is planned for it); a missing
/// `case-types/` folder likewise. Inside `case-types/`, a live case type without a file is deleted.
public struct SchemaDirectory: Sendable {
    public let url: URL
    /// The directory as the user named it, for messages (`crm-schema/forms/contacts.yaml:3:5`).
    public let displayPath: String

    public init(path: String) {
        self.url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        self.displayPath = path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    public var stateURL: URL { url.appendingPathComponent(SchemaState.fileName) }
    var caseTypesURL: URL { url.appendingPathComponent("case-types", isDirectory: true) }

    func formRelativePath(_ form: SchemaForm) -> String { "forms/\(form.rawValue).yaml" }
    func tagsRelativePath(_ entity: EntityKind) -> String { "tags/\(entity.plural).yaml" }
    func caseTypeRelativePath(_ key: String) -> String { "case-types/\(key).yaml" }

    func fileURL(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }
    func display(_ relativePath: String) -> String { "\(displayPath)/\(relativePath)" }

    /// The case-type keys present as files, sorted.
    func caseTypeKeys() -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: caseTypesURL.path) else { return nil }
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    private func text(_ relativePath: String) -> String? {
        try? String(contentsOf: fileURL(relativePath), encoding: .utf8)
    }

    /// Reads every file; problems are collected, not thrown, so lint can report them all.
    public func load() -> LoadedSchema {
        var loaded = LoadedSchema()
        for form in SchemaForm.allCases {
            guard let text = text(formRelativePath(form)) else { continue }
            let decoded = SpecFileDecoding.form(text, file: display(formRelativePath(form)), expected: form)
            loaded.forms.append(decoded)
        }
        for entity in EntityKind.tagEntities {
            guard let text = text(tagsRelativePath(entity)) else { continue }
            loaded.tagSets.append(
                SpecFileDecoding.tagSet(text, file: display(tagsRelativePath(entity)), expected: entity))
        }
        if let keys = caseTypeKeys() {
            loaded.caseTypesManaged = true
            for key in keys {
                guard let text = text(caseTypeRelativePath(key)) else { continue }
                loaded.caseTypes.append(
                    SpecFileDecoding.caseType(text, file: display(caseTypeRelativePath(key)), key: key))
            }
        }
        return loaded
    }

    /// Writes the spec as files, each only when its bytes change, and removes the case-type
    /// files of `staleCaseTypes` that the spec no longer has (nil: every file not in the spec).
    /// Returns the relative paths written or removed.
    @discardableResult
    public func write(_ spec: SchemaSpec, staleCaseTypes: Set<String>? = nil) throws -> [String] {
        var changed: [String] = []
        for form in spec.forms {
            let path = formRelativePath(form.form)
            if try FileWriting.writeIfChanged(Data(try SpecFileEncoding.form(form).utf8), to: fileURL(path)) {
                changed.append(path)
            }
        }
        for tagSet in spec.tagSets {
            let path = tagsRelativePath(tagSet.entity)
            if try FileWriting.writeIfChanged(Data(try SpecFileEncoding.tagSet(tagSet).utf8), to: fileURL(path)) {
                changed.append(path)
            }
        }
        try FileManager.default.createDirectory(at: caseTypesURL, withIntermediateDirectories: true)
        for caseType in spec.caseTypes {
            let path = caseTypeRelativePath(caseType.key)
            if try FileWriting.writeIfChanged(Data(try SpecFileEncoding.caseType(caseType).utf8), to: fileURL(path)) {
                changed.append(path)
            }
        }
        let keep = Set(spec.caseTypes.map(\.key))
        for key in caseTypeKeys() ?? [] where !keep.contains(key) && staleCaseTypes.map({ $0.contains(key) }) != false {
            let path = caseTypeRelativePath(key)
            try FileManager.default.removeItem(at: fileURL(path))
            changed.append(path)
        }
        return changed
    }
}

/// Everything read from a schema directory.
public struct LoadedSchema: Sendable {
    public var forms: [DecodedFile<FormSpec>] = []
    public var tagSets: [DecodedFile<TagSetSpec>] = []
    public var caseTypes: [DecodedFile<CaseTypeSpec>] = []
    public var caseTypesManaged = false

    public init() {}

    /// Nothing to manage: no form, tag or case-type file and no `case-types/` folder.
    public var isEmpty: Bool { forms.isEmpty && tagSets.isEmpty && caseTypes.isEmpty && !caseTypesManaged }

    /// What the files ask for; objects whose file could not be read are left out.
    public var spec: SchemaSpec {
        SchemaSpec(
            forms: forms.compactMap(\.content), tagSets: tagSets.compactMap(\.content),
            caseTypes: caseTypes.compactMap(\.content), caseTypesManaged: caseTypesManaged)
    }

    /// Problems found while reading (syntax and shape); lint adds the semantic ones.
    public var diagnostics: [SchemaDiagnostic] {
        forms.flatMap(\.diagnostics) + tagSets.flatMap(\.diagnostics) + caseTypes.flatMap(\.diagnostics)
    }
}
