import CUchardet

/// uchardet's guess for a prefix of a file: one opinion among ours. Alone it misses short
/// address books (GB18030, ISO-8859-2, UTF-16 without BOM), but its frequency models know
/// Korean from Chinese, where byte-range statistics tie.
enum UchardetOpinion {
    /// The encoding uchardet names, or nil when it has none (or names one crmkit does not read).
    static func guess(_ p: UnsafeBufferPointer<UInt8>) -> SourceEncoding? {
        guard let name = charsetName(p) else { return nil }
        return SourceEncoding(name: name)
    }

    /// uchardet's own name for the charset ("" → nil).
    static func charsetName(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = p.baseAddress, p.count > 0, let ud = uchardet_new() else { return nil }
        defer { uchardet_delete(ud) }
        let rc = base.withMemoryRebound(to: CChar.self, capacity: p.count) { uchardet_handle_data(ud, $0, p.count) }
        guard rc == 0 else { return nil }
        uchardet_data_end(ud)
        guard let c = uchardet_get_charset(ud) else { return nil }
        let name = String(cString: c)
        return name.isEmpty ? nil : name
    }
}
