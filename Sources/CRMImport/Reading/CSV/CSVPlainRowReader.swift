import CCSVScan

/// Reads a row of the shape nearly every row of an export has (one line; values plain or
/// quoted, without a line break inside the quotes) in one call into `CCSVScan`, which finds the
/// delimiters sixteen bytes at a time and copies the values back to back. The reader's full
/// parser reads every other row, from its start, as if this had not looked at it: rows that
/// need more input, line breaks inside quotes (counted, and checked for swallowed rows), text
/// after a closing quote, bytes to decode.
///
/// Owns the buffers the scan copies one row's values into; a row that does not fit them (over
/// 64 KiB of values, over 4,096 values) goes to the full parser.
final class CSVPlainRowReader {
    private static let valueCapacity = 1 << 16
    private static let endCapacity = 4096
    private let values = UnsafeMutablePointer<UInt8>.allocate(capacity: valueCapacity)
    private let ends = UnsafeMutablePointer<UInt32>.allocate(capacity: endCapacity)
    private let delimiter: UInt8
    /// Whether the reader's bytes are UTF-8 (the file's, or transcoded), so that a row's valid
    /// non-ASCII bytes are its text as they are. Otherwise (windows-1252, ISO-8859-1) a row that
    /// is not all ASCII is decoded value by value by the full parser.
    private let bytesAreUTF8: Bool

    /// Nil for a delimiter the scan cannot tell from the bytes it looks for.
    init?(delimiter: UInt8, bytesAreUTF8: Bool) {
        guard delimiter != 0x22, delimiter != 0x0A, delimiter != 0x0D else { return nil }
        self.delimiter = delimiter
        self.bytesAreUTF8 = bytesAreUTF8
    }

    deinit {
        values.deallocate()
        ends.deallocate()
    }

    /// Reads the row at `row` (`available` bytes at hand; `atEnd`: no more after them) as the
    /// open row of `rows`: its length in bytes, its line end included, and whether a value was
    /// quoted. Nil, with `rows` untouched, when the full parser must read it.
    func read(
        _ row: UnsafePointer<UInt8>, available: Int, atEnd: Bool, into rows: inout CSVRowBatchBuilder
    ) -> (length: Int, sawQuote: Bool)? {
        let found = crm_csv_read_row(
            row, available, atEnd ? 1 : 0, delimiter, values, Self.valueCapacity, ends, Self.endCapacity,
            UInt32(truncatingIfNeeded: rows.byteCount))
        guard found.read != 0 else { return nil }
        if found.non_ascii != 0 {
            // Delimiters and quotes are ASCII, so the row is valid exactly when each value is.
            guard bytesAreUTF8, crm_utf8_is_valid(row, found.length) != 0 else { return nil }
        }
        rows.appendValues(
            UnsafeBufferPointer(start: values, count: found.value_bytes),
            ends: UnsafeBufferPointer(start: ends, count: found.value_count))
        return (found.length, found.saw_quote != 0)
    }
}
