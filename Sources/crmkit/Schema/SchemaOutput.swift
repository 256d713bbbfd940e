import CRMSchema
import Foundation

/// Printing for the schema commands: human text (colour on a TTY unless NO_COLOR) or JSON,
/// errors on stderr in the `error: …` form the rest of crmkit uses.
enum SchemaOutput {
    static var useColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func printJSON<Value: Encodable>(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func printError(_ error: any Error) {
        printError(String(describing: error))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(((text.contains("error:") ? text : "error: \(text)") + "\n").utf8))
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
