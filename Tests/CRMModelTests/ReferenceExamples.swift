import Foundation

/// Extracts the example request bodies of the API reference, as the reference writes them:
/// whole JSON objects on one line, with `//` comments, trailing commas and a missing brace or two.
enum ReferenceExamples {
    struct Example {
        var endpoint: String  // e.g. "POST /pipeline/leads"
        var json: String  // cleaned, valid JSON text
    }

    static var referenceURL: URL? {
        if let path = ProcessInfo.processInfo.environment["CRMKIT_REFERENCE"] {
            return URL(fileURLWithPath: path)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/reference/crm-api-reference.txt")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static func load(from url: URL) throws -> [Example] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var examples: [Example] = []
        var endpoint = ""
        var inExample = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("Endpoint: ") {
                endpoint = String(line.dropFirst("Endpoint: ".count))
                inExample = false
            } else if line == "Example" {
                inExample = true
            } else if inExample {
                examples += objects(in: line).map { Example(endpoint: endpoint, json: $0) }
            }
        }
        return examples
    }

    /// Top-level `{…}` blocks of a line, cleaned into valid JSON.
    static func objects(in line: String) -> [String] {
        let characters = Array(line)
        var results: [String] = []
        var index = 0
        while index < characters.count {
            // A JSON object opens with `{` then `"` or `}`; `{lead id}` in a path does not.
            let next = characters[(index + 1)...].first { !$0.isWhitespace }
            guard characters[index] == "{", next == "\"" || next == "}" else {
                index += 1
                continue
            }
            var depth = 0
            var inString = false
            var output = ""
            var cursor = index
            scan: while cursor < characters.count {
                let character = characters[cursor]
                if inString {
                    output.append(character)
                    if character == "\\", cursor + 1 < characters.count {
                        output.append(characters[cursor + 1])
                        cursor += 1
                    } else if character == "\"" {
                        inString = false
                    }
                } else if character == "/", cursor + 1 < characters.count, characters[cursor + 1] == "/" {
                    // A comment runs to the next structural character; the reference lost its newlines.
                    while cursor < characters.count, !"\"{}[]".contains(characters[cursor]) { cursor += 1 }
                    continue scan
                } else {
                    switch character {
                    case "\"": inString = true
                    case "{", "[": depth += 1
                    case "}", "]": depth -= 1
                    default: break
                    }
                    output.append(character)
                    if depth == 0 {
                        cursor += 1
                        break scan
                    }
                }
                cursor += 1
            }
            // Unbalanced at the end of the line: the reference forgot closing braces.
            if depth > 0 { output += String(repeating: "}", count: depth) }
            results.append(removingTrailingCommas(output))
            index = cursor
        }
        return results
    }

    private static func removingTrailingCommas(_ json: String) -> String {
        json.replacingOccurrences(of: #",\s*([}\]])"#, with: "$1", options: .regularExpression)
    }
}
