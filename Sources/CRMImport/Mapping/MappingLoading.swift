import Foundation
import Yams

/// Loading a mapping for a given source file, so that every problem of the mapping comes in one
/// pass: those of the file itself (unknown keys, transforms, match keys) together with the
/// columns it names that a CSV source does not have, rather than one stage per fix-and-rerun.
extension MappingParser {
    /// The mapping at `path`; when it has problems and `source` is a CSV file, the columns the
    /// mapping names are also checked against its header and reported with them.
    public static func load(path: String, checkingColumnsOf source: String?) throws -> Mapping {
        do {
            return try load(path: path)
        } catch let error as MappingError {
            guard let source, let text = try? String(contentsOfFile: path, encoding: .utf8),
                let partial = partialMapping(yaml: text, file: path),
                let header = csvHeader(of: source, for: partial)
            else { throw error }
            let columns = partial.columnCheck(available: header).errors
            let all = Set(error.diagnostics).union(columns)
            throw MappingError(
                all.sorted {
                    ($0.location.line, $0.location.column, $0.message) < (
                        $1.location.line, $1.location.column, $1.message
                    )
                })
        }
    }

    /// As much of the mapping as could be read, problems left out (nil when it names no entity).
    static func partialMapping(yaml: String, file: String) -> Mapping? {
        guard let root = try? Yams.compose(yaml: yaml) else { return nil }
        var reader = MappingReader(file: file)
        return reader.mapping(root)
    }

    /// The column names of a CSV source's first record, or nil for other formats or an
    /// unreadable file.
    static func csvHeader(of source: String, for mapping: Mapping) -> [String]? {
        guard
            var reader = try? SourceReaders.open(
                path: source, format: mapping.source.format, options: ValidationRun.readOptions(for: mapping)),
            reader.format == .csv
        else { return nil }
        reader.throwsWithoutRecords = false
        while let event = try? reader.next() {
            if let record = event.record { return record.names }
        }
        return nil
    }
}
