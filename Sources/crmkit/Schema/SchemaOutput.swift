import ArgumentParser
import CRMSchema
import Foundation

/// Printing and error handling shared by the schema commands.
enum SchemaOutput {
    static func printJSON<Value: Encodable>(_ value: Value, to output: Output) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        output.line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Runs a schema command body: schema errors are printed as they are written (they carry
    /// their own `file:line:column: error:` or `error:` prefix) and exit 1; the rest goes to the
    /// shared connection error handling.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as SchemaError {
            Output.diagnostic(error.description)
            throw ExitCode.failure
        }
    }
}
