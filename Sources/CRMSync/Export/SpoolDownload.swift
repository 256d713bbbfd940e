import CRMModel
import Foundation

/// Downloads one entity's records into a spool file (JSON Lines, as the API returns them), page
/// by page, saving a checkpoint after each page. The spool is what every format is rendered from:
/// the download is the part that talks to the CRM and can be cut off, the rendering is local.
///
/// When a page cannot be fetched (after the client's own retries), the download waits and tries
/// again from the cursor a few times; if the CRM stays away it throws `ExportError.interrupted`
/// and the same call later continues where the checkpoint says, with no record written twice.
public struct SpoolDownload: Sendable {
    public let pager: RecordPager
    public let spool: URL
    /// Which CRM and which export, so a checkpoint of another is never continued.
    public let identity: String
    public let filter: ExportFilter
    /// Fresh attempts from the cursor after a failed page, before giving up.
    public var reconnectAttempts = 5
    public var reconnectDelay: Duration = .seconds(1)

    public init(pager: RecordPager, spool: URL, identity: String, filter: ExportFilter) {
        self.pager = pager
        self.spool = spool
        self.identity = identity
        self.filter = filter
    }

    public var checkpointURL: URL { spool.appendingPathExtension("state") }

    /// Downloads what is missing; answers the records in the spool. `progress` is told the count
    /// so far and the server's total after each page.
    @discardableResult
    public func run(progress: (_ written: Int, _ total: Int?) -> Void = { _, _ in }) async throws -> Int {
        var checkpoint = ExportCheckpoint(
            entity: pager.entity, filter: filter, identity: identity, cursor: ExportCursor(), spoolBytes: 0)
        if let saved = ExportCheckpoint.load(checkpointURL), saved.sameExport(as: checkpoint) {
            checkpoint = saved
        }
        let handle = try openSpool(keeping: checkpoint.spoolBytes)
        defer { try? handle.close() }
        if checkpoint.cursor.finished { return checkpoint.cursor.written }
        try checkpoint.save(checkpointURL)
        var failures = 0
        while !checkpoint.cursor.finished {
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
                        written: checkpoint.cursor.written, statePath: checkpointURL.path,
                        reason: String(describing: error))
                }
                try await Task.sleep(for: reconnectDelay * failures)
                continue
            }
            var text = ""
            for record in batch {
                JSONWriter.write(.object(record), to: &text)
                text += "\n"
            }
            let bytes = Data(text.utf8)
            do {
                try handle.write(contentsOf: bytes)
            } catch {
                throw ExportError.io(path: spool.path, reason: "cannot write: \(error.localizedDescription)")
            }
            checkpoint.cursor = cursor
            checkpoint.spoolBytes += UInt64(bytes.count)
            try checkpoint.save(checkpointURL)
            progress(cursor.written, total)
        }
        return checkpoint.cursor.written
    }

    /// Opens the spool for appending after its first `bytes` (the part a checkpoint vouches for).
    private func openSpool(keeping bytes: UInt64) throws(ExportError) -> FileHandle {
        do {
            if !FileManager.default.fileExists(atPath: spool.path) || bytes == 0 {
                guard FileManager.default.createFile(atPath: spool.path, contents: nil) else {
                    throw ExportError.io(
                        path: spool.path, reason: "cannot create the file; check the directory exists and is writable")
                }
            }
            let handle = try FileHandle(forWritingTo: spool)
            try handle.truncate(atOffset: bytes)
            try handle.seek(toOffset: bytes)
            return handle
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.io(path: spool.path, reason: error.localizedDescription)
        }
    }

    /// Removes the checkpoint once the spool has been rendered.
    public func finish() {
        try? FileManager.default.removeItem(at: checkpointURL)
    }
}
