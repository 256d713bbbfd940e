import CRMModel
import Foundation

/// Reads and writes plan files.
public enum PlanFile {
    /// Writes the plan as JSON with one step per line, step by step: encoding 100,000 steps as
    /// one document would hold several copies of the plan in memory at once. Written to a
    /// temporary file and renamed, so a plan file is never half-written.
    public static func write(_ plan: ImportPlan, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var header = plan
        header.steps = []
        header.rejected = []
        // The header's members, then the two long lists one item per line.
        guard case .object(var members) = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(header))
        else {
            throw RunError("cannot write the plan \(url.path): the header is not an object")
        }
        members["steps"] = nil
        members["rejected"] = nil
        var head = try encoder.encode(JSONValue.object(members))
        head.removeLast()  // the closing brace
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw RunError(
                "cannot write the plan \(url.path): \(url.deletingLastPathComponent().path) "
                    + "does not exist or is not writable"
            )
        }
        let handle = try FileHandle(forWritingTo: temporary)
        var buffer = head
        func flush(force: Bool = false) throws {
            guard force || buffer.count > 1 << 20 else { return }
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        do {
            // Layout (what `readLines` expects): header, `"rejected":[`, one item per line,
            // `],`, `"steps":[`, one item per line, `]}`.
            buffer.append(contentsOf: ",\n\"rejected\":[".utf8)
            for (index, rejected) in plan.rejected.enumerated() {
                buffer.append(contentsOf: (index == 0 ? "\n" : ",\n").utf8)
                buffer.append(contentsOf: JSONWriter.text(rejected.json).utf8)
                try flush()
            }
            buffer.append(contentsOf: "\n],\n\"steps\":[".utf8)
            for (index, step) in plan.steps.enumerated() {
                buffer.append(contentsOf: (index == 0 ? "\n" : ",\n").utf8)
                buffer.append(contentsOf: try step.jsonText().utf8)
                try flush()
            }
            buffer.append(contentsOf: "\n]}\n".utf8)
            try flush(force: true)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw RunError("cannot write the plan \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Reads a plan. Its steps' bodies and key lists go to a `SpillFile` as they are read,
    /// `spillChunkBytes` at a time (nil: they stay in memory), so that applying a plan of a
    /// million rows holds only what ordering the steps and journaling them needs.
    public static func read(_ url: URL, spillChunkBytes: Int? = SpillFile.defaultChunkBytes) throws -> ImportPlan {
        let plan: ImportPlan
        do {
            if let lines = try readLines(url, spillChunkBytes: spillChunkBytes) {
                plan = lines
            } else {
                plan = try JSONDecoder().decode(ImportPlan.self, from: try Data(contentsOf: url))
            }
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileNoSuchFile {
            throw RunError("cannot read the plan \(url.path): \(error.localizedDescription)")
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError(
                "\(url.path) is not an import plan (\(Self.describe(error))); write one with "
                    + "`crmkit import FILE --mapping M --plan-out \(url.lastPathComponent)`"
            )
        }
        guard ImportPlan.readableFormats.contains(plan.format) else {
            throw RunError(
                "\(url.path) is a plan of format '\(plan.format)'; this crmkit reads "
                    + ImportPlan.readableFormats.sorted().map { "'\($0)'" }.joined(separator: " and ")
                    + ": make the plan again with this crmkit (`crmkit import FILE --mapping M --plan-out PLAN`)")
        }
        return plan
    }

    /// Reads a plan in the layout `write` produces (header, then one item per line), line by
    /// line from the file, so that only the plan itself is in memory, never its text. Nil when the
    /// file has another layout (edited by hand, pretty-printed): then it is decoded whole.
    static func readLines(_ url: URL, spillChunkBytes: Int? = nil) throws -> ImportPlan? {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw RunError("cannot read the plan \(url.path): it does not exist or is not readable")
        }
        defer { try? handle.close() }
        var lines = LineReader(handle: handle)
        let decoder = JSONDecoder()
        // A line without the comma that separates it from the next item.
        func item(_ line: Data) -> Data { line.last == UInt8(ascii: ",") ? line.dropLast() : line }
        guard let first = try lines.next(), first.first == UInt8(ascii: "{"),
            try lines.next()?.elementsEqual("\"rejected\":[".utf8) == true
        else { return nil }
        var header = item(first)
        header.append(contentsOf: ",\"rejected\":[],\"steps\":[]}".utf8)
        var plan = try decoder.decode(ImportPlan.self, from: header)
        // Every row names the plan's source: one copy of its path, not one per step.
        let file = plan.source.path
        while true {
            guard let line = try lines.next() else { return nil }
            if line.elementsEqual("],".utf8) { break }
            var rejected = try decoder.decode(RejectedRecord.self, from: item(line))
            if rejected.source.file == file { rejected.source.file = file }
            plan.rejected.append(rejected)
        }
        guard try lines.next()?.elementsEqual("\"steps\":[".utf8) == true else { return nil }
        var spill: SpillFile?
        while true {
            guard let line = try lines.next() else { return nil }
            if line.elementsEqual("]}".utf8) { break }
            var step = try decoder.decode(PlanStep.self, from: item(line))
            if step.source?.file == file { step.source?.file = file }
            if let spillChunkBytes {
                let into = try spill ?? SpillFile(chunkBytes: spillChunkBytes)
                spill = into
                try step.spill(to: into)
            }
            plan.steps.append(step)
        }
        guard let last = try lines.next(), last.isEmpty, try lines.next() == nil else { return nil }
        return plan
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong value at \(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "not JSON at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
