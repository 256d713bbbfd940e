import CRMModel
import Foundation

/// Reads the `--data` argument: inline JSON, `@file`, or `@-` for stdin.
enum JSONInput {
    static func value(_ argument: String) throws -> JSONValue {
        let data: Data
        if argument == "@-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw InputError("--data \(argument): cannot read \(path); check the path.")
            }
            data = contents
        } else {
            data = Data(argument.utf8)
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw InputError("--data: not valid JSON (\(error.localizedDescription)); pass a JSON object, @file or @-.")
        }
    }

    /// The `--data` argument as a JSON object (a record, a patch, a case type).
    static func object(_ argument: String) throws -> JSONObject {
        guard case .object(let object) = try value(argument) else {
            throw InputError("--data: expected a JSON object such as {\"name\": \"Jane Doe\"}.")
        }
        return object
    }
}
