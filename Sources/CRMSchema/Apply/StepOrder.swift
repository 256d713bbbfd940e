/// The order steps run in: tags before the records and forms that may name them, forms, then
/// case types; deletions last, so a failure half-way never leaves something pointing at a
/// deleted object.
enum StepOrder {
    static func ordered(_ changes: [ObjectChange]) -> [ObjectChange] {
        changes.enumerated().sorted { lhs, rhs in
            (rank(lhs.element), lhs.offset) < (rank(rhs.element), rhs.offset)
        }.map(\.element)
    }

    private static func rank(_ change: ObjectChange) -> Int {
        switch (change.address.kind, change.action) {
        case (.tag, .create), (.tag, .update): return 0
        case (.form, _): return 1
        case (.caseType, .create), (.caseType, .update): return 2
        case (.tag, .delete): return 3
        case (.caseType, .delete): return 4
        }
    }
}
