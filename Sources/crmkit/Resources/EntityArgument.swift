import ArgumentParser
import CRMClient
import CRMModel

/// Entities are named by their plural on the command line: leads, opportunities, contacts,
/// organizations, cases.
extension EntityKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(plural: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.plural) }
    public var defaultValueDescription: String { plural }
}

extension FormName: ExpressibleByArgument {}

/// Prints a list of JSON objects as a table (people) or one `{"items": […]}` document (`--json`).
func printList(_ items: [JSONValue], columns: [Column], empty: String, output: Output) {
    if output.json { return output.document(["items": .array(items)]) }
    if items.isEmpty { return output.line(empty) }
    TableWriter(columns, output: output).write(items.compactMap(\.objectValue))
}
