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
                buffer.append(contentsOf: JSONWriter.text(step.json).utf8)
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

    public static func read(_ url: URL) throws -> ImportPlan {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RunError("cannot read the plan \(url.path): \(error.localizedDescription)")
        }
        let plan: ImportPlan
        do { plan = try readLines(data) ?? JSONDecoder().decode(ImportPlan.self, from: data) } catch {
            throw RunError(
                "\(url.path) is not an import plan (\(Self.describe(error))); write one with "
                    + "`crmkit import FILE --mapping M --plan-out \(url.lastPathComponent)`"
            )
        }
        guard plan.format == ImportPlan.currentFormat else {
            throw RunError(
                "\(url.path) is a plan of format '\(plan.format)'; this crmkit reads '\(ImportPlan.currentFormat)'")
        }
        return plan
    }

    /// Reads a plan in the layout `write` produces (header, then one item per line), item by
    /// item, which needs a fraction of the memory of decoding the document at once. Nil when the
    /// file has another layout (edited by hand, pretty-printed): then it is decoded whole.
    static func readLines(_ data: Data) throws -> ImportPlan? {
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= 6, lines[1].elementsEqual("\"rejected\":[".utf8),
            let stepsLine = lines.firstIndex(where: { $0.elementsEqual("\"steps\":[".utf8) }), stepsLine >= 3,
            lines[stepsLine - 1].elementsEqual("],".utf8), lines[lines.count - 2].elementsEqual("]}".utf8),
            lines[lines.count - 1].isEmpty
        else { return nil }
        let decoder = JSONDecoder()
        // A fresh `Data` per line: slices keep their offsets into the file, which the decoder
        // does not expect.
        func item(_ line: Data.SubSequence) -> Data { Data(line.last == UInt8(ascii: ",") ? line.dropLast() : line) }
        var header = Data(item(lines[0]))
        header.append(contentsOf: ",\"rejected\":[],\"steps\":[]}".utf8)
        var plan = try decoder.decode(ImportPlan.self, from: header)
        for line in lines[2..<(stepsLine - 1)] {
            plan.rejected.append(try decoder.decode(RejectedRecord.self, from: item(line)))
        }
        plan.steps.reserveCapacity(lines.count - stepsLine)
        for line in lines[(stepsLine + 1)..<(lines.count - 2)] {
            plan.steps.append(try decoder.decode(PlanStep.self, from: item(line)))
        }
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
