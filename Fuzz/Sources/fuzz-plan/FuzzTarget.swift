import CRMSync
import Foundation
import FuzzSupport

/// The import-plan reader on any file. A damaged or hand-edited plan must be refused with a
/// `RunError` (a message for the user), never crash; a plan that is accepted must be the plan it
/// says: written back and read again, it writes the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ScratchFiles.clear()
    let url = ScratchFiles.write(fuzzBytes(data, size), to: "plan.json")
    let plan: ImportPlan
    do {
        plan = try PlanFile.read(url)
    } catch let error as RunError {
        guard !error.description.isEmpty else { fuzzFinding("a RunError without a message") }
        return 0
    } catch {
        fuzzFinding("unexpected error type: \(error)")
    }
    let first = ScratchFiles.folder.appendingPathComponent("first.json")
    let second = ScratchFiles.folder.appendingPathComponent("second.json")
    do {
        try PlanFile.write(plan, to: first)
        try PlanFile.write(try PlanFile.read(first), to: second)
    } catch {
        fuzzFinding("an accepted plan does not survive being written and read again: \(error)")
    }
    guard FileManager.default.contentsEqual(atPath: first.path, andPath: second.path) else {
        fuzzFinding("an accepted plan reads back as another plan")
    }
    return 0
}
