/// Recognises one address whose two lines were entered the other way round ("St John of God
/// Hospital" / "Yanda Street" against "Yanda Street" / "St John of God Hospital"): forms disagree
/// on whether the building or the street comes first, so a copy keyed into another form swaps them.
/// Compared line by line, such a pair disagrees on both lines although it names one place.
enum CrossedAddressLines {
    /// Each record's first line is close to the other's second line, both ways, and the lines
    /// were not already equal as written. Both records must have both lines.
    static func match(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        guard !a.addressLine1.isEmpty, !a.addressLine2.isEmpty, !b.addressLine1.isEmpty, !b.addressLine2.isEmpty
        else { return false }
        // Line 1 went through the street normaliser (abbreviations written out) and line 2 did
        // not, so each crossed comparison puts the two forms side by side: close is enough.
        func close(_ x: [UInt8], _ y: [UInt8]) -> Bool {
            (RecordComparator.textLevel(x, y, close: 0.90) ?? 2) <= 1
        }
        return close(a.addressLine1, b.addressLine2) && close(a.addressLine2, b.addressLine1)
            && !close(a.addressLine1, b.addressLine1)
    }
}
