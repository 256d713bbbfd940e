import CRMImport
import CRMSync
import Foundation

extension LossAccount {
    /// Prints the account at the end of an import's plan: on standard output for people, on
    /// standard error with `--json` (standard output then holds the command's one JSON document).
    /// Rows the planner rejected (validation, and references it could not resolve) are counted
    /// from the plan, which also lists the rows the reader could not read.
    func print(for plan: ImportPlan, accepted: Bool, json: Bool) {
        var account = self
        account.rejected = max(0, plan.rejected.count - rowsUnread)
        for line in account.summary(accepted: accepted) {
            if json { Output.diagnostic(line) } else { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        }
    }
}
