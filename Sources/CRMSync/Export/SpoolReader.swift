import CRMModel
import Foundation

/// Reads a JSON Lines file (an export, a backup's records) back one record at a time, 256 KiB at
/// a read, so a reader holds one record and one buffer whatever the file's size.
struct SpoolReader {
    let url: URL

    func forEach(_ body: (JSONObject) throws -> Void) throws {
        try forEachLine { _, record in try body(record) }
    }

    /// `forEach`, with the line each record is on (for messages naming it).
    func forEachLine(_ body: (Int, JSONObject) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ExportError.io(path: url.path, reason: "cannot open the partial export")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var lineNumber = 0
        func emit(_ line: ArraySlice<UInt8>) throws {
            lineNumber += 1
            guard !line.isEmpty else { return }
            let value: JSONValue
            do {
                value = try JSONParser.parse(Array(line))
            } catch {
                throw ExportError.corruptSpool(path: url.path, line: lineNumber, reason: error.message)
            }
            guard case .object(let record) = value else {
                throw ExportError.corruptSpool(path: url.path, line: lineNumber, reason: "not a JSON object")
            }
            try body(lineNumber, record)
        }
        while true {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: 1 << 18), !read.isEmpty else { break }
                chunk = read
            } catch {
                throw ExportError.io(path: url.path, reason: error.localizedDescription)
            }
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try emit(pending[start..<newline])
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { try emit(pending[...]) }
    }
}
