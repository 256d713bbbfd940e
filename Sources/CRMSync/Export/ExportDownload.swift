import CRMModel
import Foundation

/// Downloads records page by page and appends each page, rendered in the export's format, to a
/// partial file next to the output (`OUTPUT.part`), saving a checkpoint (`OUTPUT.part.state`)
/// after each page: the cursor, the bytes of the partial file that are complete, and the
/// renderer's layout. Each record is parsed once, from the CRM's answer.
///
/// When a page cannot be fetched (after the client's own retries), the download waits and tries
/// again from the cursor a few times; if the CRM stays away it throws `ExportError.interrupted`.
/// The same call later cuts the partial file back to what the checkpoint vouches for and
/// continues from its cursor, so no record is written twice or left out.
public struct ExportDownload: Sendable {
    /// One pager per entity, in the order they go into the file.
    public let pagers: [RecordPager]
    public let part: URL
    /// Which CRM this is, so a checkpoint of another is never continued.
    public let identity: String
    public let filter: ExportFilter
    /// The format and its options, so a partial file of another format is never continued.
    public let layoutName: String
    /// Fresh attempts from the cursor after a failed page, before giving up.
    public var reconnectAttempts = 5
    public var reconnectDelay: Duration = .seconds(1)

    public init(pagers: [RecordPager], part: URL, identity: String, filter: ExportFilter, layoutName: String) {
        self.pagers = pagers
        self.part = part
        self.identity = identity
        self.filter = filter
        self.layoutName = layoutName
    }

    public var checkpointURL: URL { part.appendingPathExtension("state") }

    /// Downloads into the partial file as JSON Lines; answers the records of each entity.
    @discardableResult
    public func run(progress: (EntityKind, _ written: Int, _ total: Int?) -> Void = { _, _, _ in }) async throws
        -> [Int]
    {
        var renderer = JSONLinesRenderer()
        return try await run(rendering: &renderer, progress: progress).counts
    }

    /// Downloads what is missing, rendered by `renderer`; answers the records of each entity and
    /// the renderer's layout. `progress` is told the entity, its count so far and the server's
    /// total after each page.
    func run<Renderer: ExportRenderer>(
        rendering renderer: inout Renderer, progress: (EntityKind, Int, Int?) -> Void
    ) async throws -> (counts: [Int], layout: CSVLayout?) {
        let entities = pagers.map(\.entity)
        var checkpoint = ExportCheckpoint(
            entities: entities, filter: filter, identity: identity, layoutName: layoutName, layout: renderer.layout)
        if let saved = ExportCheckpoint.load(checkpointURL), saved.sameExport(as: checkpoint),
            saved.bytes <= Self.size(of: part)
        {
            checkpoint = saved
            renderer.layout = saved.layout
        }
        let handle = try openPart(keeping: checkpoint.bytes)
        defer { try? handle.close() }
        if checkpoint.finished { return (checkpoint.counts, checkpoint.layout) }
        if !checkpoint.started {
            checkpoint.started = true
            try append(renderer.fileHead() + (entities.first.map(renderer.entityHead) ?? ""), handle, &checkpoint)
        }
        var failures = 0
        while !checkpoint.finished {
            let pager = pagers[checkpoint.entityIndex]
            if checkpoint.cursor.finished {
                let entity = entities[checkpoint.entityIndex]
                checkpoint.counts.append(checkpoint.cursor.written)
                checkpoint.entityIndex += 1
                checkpoint.cursor = ExportCursor()
                let next =
                    checkpoint.finished ? renderer.fileTail() : renderer.entityHead(entities[checkpoint.entityIndex])
                try append(renderer.entityTail(entity) + next, handle, &checkpoint)
                continue
            }
            var cursor = checkpoint.cursor
            let batch: [JSONObject]
            let total: Int?
            do {
                (batch, total) = try await cursor.advance(pager)
                failures = 0
            } catch {
                failures += 1
                if failures > reconnectAttempts {
                    throw ExportError.interrupted(
                        written: checkpoint.counts.reduce(0, +) + checkpoint.cursor.written,
                        statePath: checkpointURL.path, reason: String(describing: error))
                }
                try await Task.sleep(for: reconnectDelay * failures)
                continue
            }
            let text = renderer.render(batch, entity: pager.entity, at: checkpoint.bytes)
            checkpoint.cursor = cursor
            checkpoint.layout = renderer.layout
            try append(text, handle, &checkpoint)
            progress(pager.entity, cursor.written, total)
        }
        return (checkpoint.counts, checkpoint.layout)
    }

    /// Appends `text` to the partial file, then saves `checkpoint` vouching for it.
    private func append(_ text: String, _ handle: FileHandle, _ checkpoint: inout ExportCheckpoint)
        throws(ExportError)
    {
        var text = text
        let count = text.withUTF8 { bytes in bytes.count }
        if count > 0 {
            do {
                try text.withUTF8 { bytes in try handle.write(contentsOf: UnsafeRawBufferPointer(bytes)) }
            } catch {
                throw ExportError.io(path: part.path, reason: "cannot write: \(error.localizedDescription)")
            }
        }
        checkpoint.bytes += UInt64(count)
        try checkpoint.save(checkpointURL)
    }

    /// Opens the partial file for appending after its first `bytes` (what a checkpoint vouches for).
    private func openPart(keeping bytes: UInt64) throws(ExportError) -> FileHandle {
        do {
            if !FileManager.default.fileExists(atPath: part.path) || bytes == 0 {
                guard FileManager.default.createFile(atPath: part.path, contents: nil) else {
                    throw ExportError.io(
                        path: part.path, reason: "cannot create the file; check the directory exists and is writable")
                }
            }
            let handle = try FileHandle(forWritingTo: part)
            try handle.truncate(atOffset: bytes)
            try handle.seek(toOffset: bytes)
            return handle
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.io(path: part.path, reason: error.localizedDescription)
        }
    }

    private static func size(of url: URL) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.uint64Value ?? 0
    }

    /// Removes the checkpoint once the output is in place.
    public func finish() {
        try? FileManager.default.removeItem(at: checkpointURL)
    }
}
