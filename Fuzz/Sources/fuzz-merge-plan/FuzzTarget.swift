import CRMSync
import FuzzSupport

/// The merge-plan reader (`merges.yaml`, often edited by hand) on any text. A plan it cannot use
/// must be refused with a `MergePlanError` naming a place in the file; a plan it accepts must be
/// the plan it says: rendered again and read back, it is the same plan.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let plan: MergePlan
    do {
        plan = try MergePlanReader.parse(text, file: "merges.yaml")
    } catch let error as MergePlanError {
        guard !error.message.isEmpty, error.line >= 0 else { fuzzFinding("an unplaced MergePlanError: \(error)") }
        return 0
    } catch {
        fuzzFinding("unexpected error type: \(error)")
    }
    let rendered = MergePlanYAML.render(plan)
    do {
        let again = try MergePlanReader.parse(rendered, file: "rendered.yaml")
        guard again == plan else { fuzzFinding("an accepted plan renders as another plan:\n\(rendered)") }
    } catch {
        fuzzFinding("an accepted plan renders as YAML that is refused: \(error)\n\(rendered)")
    }
    return 0
}
