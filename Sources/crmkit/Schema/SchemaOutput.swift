import ArgumentParser
import CRMSchema
import Foundation

/// JSON printing shared by the schema commands.
enum SchemaOutput {
    static func printJSON<Value: Encodable>(_ value: Value, to output: Output) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        output.line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
