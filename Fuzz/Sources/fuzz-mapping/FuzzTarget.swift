import CRMImport
import FuzzSupport

/// The mapping-file parser (YAML → `Mapping`) on any text. A `MappingError` is the accepted way
/// to refuse a file, and each of its diagnostics must point into the file (line ≥ 1) with a
/// message; anything else thrown, or a crash, is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    do {
        _ = try MappingParser.parse(yaml: text, file: "fuzz.yaml")
    } catch {
        guard !error.diagnostics.isEmpty else { fuzzFinding("a MappingError without diagnostics") }
        for diagnostic in error.diagnostics {
            guard diagnostic.location.line >= 1, !diagnostic.message.isEmpty else {
                fuzzFinding("diagnostic without a place or message: \(diagnostic)")
            }
        }
        _ = error.description
    }
    return 0
}
