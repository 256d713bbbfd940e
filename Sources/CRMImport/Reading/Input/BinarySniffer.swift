/// Tells binary data from text on a file's first bytes, so that a spreadsheet, an image or an
/// archive given by mistake is an error that says what it looks like, not hundreds of garbage
/// records.
enum BinarySniffer {
    private static let signatures: [([UInt8], String)] = [
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (an .xlsx or .ods workbook is one: export the sheet as CSV)"),
        (
            [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            "an OLE document (an old .xls workbook: export the sheet as CSV)"
        ),
        ([0x25, 0x50, 0x44, 0x46], "a PDF document"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
        ([0x1F, 0x8B], "a gzip archive (decompress it first)"),
        (Array("SQLite format 3".utf8) + [0], "an SQLite database"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable (ELF)"),
    ]

    /// What the bytes look like when they are not text, else nil. Text in UTF-16/32 (found by
    /// its BOM or zero-byte pattern) is text: pass `unicodeWide`.
    static func describe(_ p: [UInt8], unicodeWide: Bool) -> String? {
        for (magic, what) in signatures where p.starts(with: magic) { return "it looks like \(what)" }
        if unicodeWide || p.isEmpty { return nil }
        var nul = 0, control = 0
        for b in p where b < 0x20 {
            switch b {
            case 0x00: nul += 1
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B: continue
            default: control += 1
            }
        }
        // Text exports carry hardly any NUL or control bytes; binary data has plenty (random
        // bytes: about one in ten). A few hundred bytes are needed to tell: a small CSV may hold
        // a NUL inside a quoted value as data.
        if p.count >= 256 && (nul + control) * 20 >= p.count {
            return
                "its first \(p.count) bytes hold \(nul) NUL and \(control) other control bytes: binary data, not text"
        }
        return nil
    }
}
