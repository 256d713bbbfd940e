import CRMModel
import Foundation

/// Reads the `--data` argument: inline JSON, `@file`, or `@-` for stdin. Bad JSON is reported as
/// `SOURCE:LINE:COLUMN: error: …` (SOURCE: the file, `stdin` or `--data`), so a long body in a
/// file can be fixed where it breaks.
enum JSONInput {
    static func value(_ argument: String) throws -> JSONValue {
        let bytes: [UInt8]
        let source: String
        if argument == "@-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            source = "stdin"
        } else if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw InputError("--data \(argument): cannot read \(path)", hint: "check the path")
            }
            bytes = [UInt8](contents)
            source = path
        } else {
            bytes = Array(argument.utf8)
            source = "--data"
        }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            let (line, column) = position(of: error.offset, in: bytes)
            throw InputError(
                Diagnostic(
                    file: source, line: line, column: column, "not valid JSON: \(reason(error.message))",
                    hint: "pass a JSON object inline, as @file or as @- (stdin)"))
        }
    }

    /// The `--data` argument as a JSON object (a record, a patch, a case type).
    static func object(_ argument: String) throws -> JSONObject {
        guard case .object(let object) = try value(argument) else {
            throw InputError("--data: expected a JSON object", hint: "such as {\"name\": \"Jane Doe\"}")
        }
        return object
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
        return (line, column)
    }

    /// The parser's message without its trailing " at byte N" (the position is given instead).
    static func reason(_ message: String) -> String {
        guard let range = message.range(of: " at byte ", options: .backwards) else { return message }
        return String(message[..<range.lowerBound])
    }
}
