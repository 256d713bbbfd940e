import CRMModel
import Foundation

/// What a partly done export remembers between runs: which export it is (so another command's
/// leftovers are never continued), the cursor, and how many bytes of the spool are complete.
struct ExportCheckpoint: Codable, Hashable {
    var entity: EntityKind
    var filter: ExportFilter
    var identity: String
    var cursor: ExportCursor
    var spoolBytes: UInt64

    func sameExport(as other: ExportCheckpoint) -> Bool {
        entity == other.entity && filter == other.filter && identity == other.identity
    }

    static func load(_ url: URL) -> ExportCheckpoint? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ExportCheckpoint.self, from: data)
    }

    /// Written to a temporary file and renamed over the old one, so a crash leaves either.
    func save(_ url: URL) throws(ExportError) {
        do {
            let data = try JSONEncoder().encode(self)
            let temporary = url.appendingPathExtension("tmp")
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw ExportError.io(
                    path: url.path, reason: "cannot rename \(temporary.lastPathComponent) over it (errno \(errno))")
            }
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.io(
                path: url.path, reason: "cannot save the export's progress: \(error.localizedDescription)")
        }
    }
}
