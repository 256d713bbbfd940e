import CRMModel
import Foundation

/// What a partly done export remembers between runs: which export it is (so the leftovers of
/// another command are never continued), the entity it is at and its cursor, how many bytes of
/// the partial file are complete, and what the renderer needs to go on (the CSV's columns).
struct ExportCheckpoint: Codable, Hashable {
    var entities: [EntityKind]
    var filter: ExportFilter
    var identity: String
    /// The format and its options (`csv`, `vcard 4.0`, `csv mapping PATH`, …).
    var layoutName: String
    /// The entity being downloaded (its index in `entities`); `entities.count` once done.
    var entityIndex = 0
    var cursor = ExportCursor()
    /// Records written of each entity finished so far.
    var counts: [Int] = []
    /// Bytes of the partial file this checkpoint vouches for.
    var bytes: UInt64 = 0
    /// Whether the file's head has been written.
    var started = false
    var layout: CSVLayout?

    var finished: Bool { entityIndex >= entities.count }

    func sameExport(as other: ExportCheckpoint) -> Bool {
        entities == other.entities && filter == other.filter && identity == other.identity
            && layoutName == other.layoutName
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
