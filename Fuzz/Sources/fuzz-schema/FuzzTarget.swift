import CRMSchema
import FuzzSupport

/// The schema-file parser as `crmkit schema lint` uses it: the input becomes one file of a schema
/// directory (the first byte picks a form, a tags file or a case type), which is loaded and
/// linted. Problems must come back as diagnostics, never as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let selector = input.first else { return 0 }
    let files = [
        "forms/contacts.yaml", "forms/organizations.yaml", "forms/opportunities.yaml",
        "tags/contacts.yaml", "tags/leads.yaml", "tags/opportunities.yaml",
        "case-types/support.yaml", "case-types/complaint.yaml",
    ]
    ScratchFiles.clear()
    ScratchFiles.write(Array(input.dropFirst()), to: files[Int(selector) % files.count])
    let loaded = SchemaDirectory(path: ScratchFiles.folder.path).load()
    let diagnostics = SchemaLinter.lint(loaded)
    for diagnostic in diagnostics where diagnostic.message.isEmpty {
        fuzzFinding("a diagnostic without a message: \(diagnostic)")
    }
    _ = SchemaLinter.errors(diagnostics).count
    return 0
}
