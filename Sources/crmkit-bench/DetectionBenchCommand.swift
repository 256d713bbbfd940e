import ArgumentParser
import CRMImport
import CUchardet
import Foundation
#if canImport(_FoundationICU)
    import _FoundationICU
#endif

/// `crmkit-bench detect`: how many files each encoding detector reads right — crmkit's own
/// statistics alone, uchardet alone, ICU's detector alone, and crmkit's combined detector — on
/// generated address books and on the encodings corpus; then what detection costs on UTF-8.
///
/// "Right" means the file decoded with the detector's answer gives exactly the text decoded with
/// the true encoding (ISO-8859-1 for a windows-1252 file without 0x80–0x9F bytes is right).
struct DetectionBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract:
            "Encoding detection: files right per detector (generated "
            + "address books and a corpus), and its cost on UTF-8."
    )

    @Option(help: "Rows per generated address book.")
    var rows: Int = 7

    @Option(help: "The encodings corpus (one folder per encoding).")
    var corpus: String = "../shared/corpora/encodings"

    @Option(help: "Contacts in the generated UTF-8 CSV for the speed comparison (0: skip it).")
    var count: Int = 200_000

    @Option(help: "Timed runs per variant of the speed comparison.")
    var runs: Int = 5

    @Flag(help: "Print every file's answers.")
    var verbose = false

    struct Detectors {
        var ours: String
        var uchardet: String
        var icu: String
        var combined: String
    }

    func run() throws {
        print(
            "crmkit-bench detect: \(rows) rows per generated address "
                + "book; load average \(ReadBenchCommand.loadAverage())"
        )
        var tallies = [0, 0, 0, 0]
        var total = 0
        var tenTallies = [0, 0, 0, 0]
        for (index, (encoding, names)) in EncodedAddressBooks.names.enumerated() {
            guard let bytes = EncodedAddressBooks.csvBytes(encoding, names, rows: rows) else { continue }
            let truth = EncodedAddressBooks.csvText(names, rows: rows)
            let answers = detect(bytes)
            let right = judge(bytes, truth: truth, answers)
            for k in 0..<4 where right[k] { tallies[k] += 1; if index < 10 { tenTallies[k] += 1 } }
            total += 1
            print(
                String(
                    format: "  %-14@ ours %-14@ uchardet %-14@ icu %-14@ combined %@", encoding.rawValue as NSString,
                    mark(answers.ours, right[0]) as NSString, mark(answers.uchardet, right[1]) as NSString,
                    mark(answers.icu, right[2]) as NSString, mark(answers.combined, right[3]) as NSString))
        }
        print(
            "generated address books: the reference ten — ours \(tenTallies[0])/10, uchardet "
                + "\(tenTallies[1])/10, ICU \(tenTallies[2])/10, combined \(tenTallies[3])/10"
        )
        print(
            "generated address books: all \(total) — ours \(tallies[0]), uchardet "
                + "\(tallies[1]), ICU \(tallies[2]), combined \(tallies[3])"
        )
        try corpusRun()
        if count > 0 { try speed() }
    }

    private func mark(_ answer: String, _ right: Bool) -> String { (right ? "✓ " : "✗ ") + answer }

    func detect(_ bytes: [UInt8]) -> Detectors {
        bytes.withUnsafeBufferPointer { p in
            let prefix = UnsafeBufferPointer(rebasing: p.prefix(64 * 1024))
            let ours = EncodingDetector.detect(prefix, atEOF: p.count <= 64 * 1024, useUchardet: false)
            let combined = EncodingDetector.detect(prefix, atEOF: p.count <= 64 * 1024)
            return Detectors(
                ours: ours.encoding.rawValue, uchardet: Self.uchardet(prefix) ?? "-", icu: Self.icu(prefix) ?? "-",
                combined: combined.encoding.rawValue)
        }
    }

    func judge(_ bytes: [UInt8], truth: String, _ d: Detectors) -> [Bool] {
        [d.ours, d.uchardet, d.icu, d.combined].map { Self.decode(bytes, name: $0) == truth }
    }

    static func uchardet(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = p.baseAddress, let ud = uchardet_new() else { return nil }
        defer { uchardet_delete(ud) }
        _ = base.withMemoryRebound(to: CChar.self, capacity: p.count) { uchardet_handle_data(ud, $0, p.count) }
        uchardet_data_end(ud)
        guard let c = uchardet_get_charset(ud) else { return nil }
        let s = String(cString: c)
        return s.isEmpty ? nil : s
    }

    /// ICU's charset detector, as swift-foundation ships it on Linux (its C symbols are renamed
    /// `swift_ucsdet_*`); "-" where it is not reachable.
    static func icu(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        #if canImport(_FoundationICU)
            guard let base = p.baseAddress else { return nil }
            var status = U_ZERO_ERROR
            guard let d = swift_ucsdet_open(&status), status.rawValue <= 0 else { return nil }
            defer { swift_ucsdet_close(d) }
            let name: String? = base.withMemoryRebound(to: CChar.self, capacity: p.count) { cp in
                swift_ucsdet_setText(d, cp, Int32(p.count), &status)
                guard status.rawValue <= 0, let m = swift_ucsdet_detect(d, &status), status.rawValue <= 0,
                    let n = swift_ucsdet_getName(m, &status)
                else { return nil }
                return String(cString: n)
            }
            return name
        #else
            return nil
        #endif
    }

    /// The file decoded strictly with the encoding a detector named (crmkit's names first, then
    /// iconv's), without a leading BOM, or nil.
    static func decode(_ bytes: [UInt8], name: String) -> String? {
        var text: String?
        if let e = SourceEncoding(name: name) {
            text = bytes.withUnsafeBufferPointer { e.decodeAny($0) }
        } else {
            text = iconvDecode(bytes, name: name)
        }
        if let t = text, t.unicodeScalars.first == "\u{FEFF}" { text = String(t.unicodeScalars.dropFirst()) }
        return text
    }

    static func iconvDecode(_ bytes: [UInt8], name: String) -> String? {
        let iconvName: String
        switch name.lowercased() {
        case "x-mac-cyrillic": iconvName = "MAC-CYRILLIC"
        case "windows-31j": iconvName = "CP932"
        case "mac-centraleurope": iconvName = "MAC-CENTRALEUROPE"
        case "utf-16": iconvName = "UTF-16"
        case "utf-32": iconvName = "UTF-32"
        default: iconvName = name
        }
        let cd = iconv_open("UTF-8", iconvName)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var inLeft = input.count, outLeft = output.count
        let rc = input.withUnsafeMutableBufferPointer { ib in
            output.withUnsafeMutableBufferPointer { ob in
                var i: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ib.baseAddress).map {
                    $0.assumingMemoryBound(to: CChar.self)
                }
                var o: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress).map {
                    $0.assumingMemoryBound(to: CChar.self)
                }
                return iconv(cd, &i, &inLeft, &o, &outLeft)
            }
        }
        if rc == -1 || inLeft != 0 { return nil }
        var out = Array(output[0..<(output.count - outLeft)])
        if out.starts(with: [0xEF, 0xBB, 0xBF]) { out.removeFirst(3) }
        return String(validating: out, as: UTF8.self)
    }

    func corpusRun() throws {
        let fm = FileManager.default
        guard let folders = try? fm.contentsOfDirectory(atPath: corpus).sorted() else {
            print("corpus: \(corpus) not found (give --corpus)")
            return
        }
        var tallies = [0, 0, 0, 0]
        var files = 0, skipped = 0
        var perFolder: [String] = []
        for folder in folders {
            let dir = (corpus as NSString).appendingPathComponent(folder)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue,
                let names = try? fm.contentsOfDirectory(atPath: dir).sorted()
            else { continue }
            for name in names {
                guard let data = fm.contents(atPath: (dir as NSString).appendingPathComponent(name)) else { continue }
                let bytes = [UInt8](data)
                // The label read as crmkit reads that name (Shift_JIS as Windows-31J, as files in
                // the wild are), else as iconv does.
                guard let truth = Self.decode(bytes, name: folder) else { skipped += 1; continue }
                let answers = detect(bytes)
                let right = judge(bytes, truth: truth, answers)
                for k in 0..<4 where right[k] { tallies[k] += 1 }
                files += 1
                if verbose {
                    perFolder.append(
                        "  \(folder)/\(name): ours \(mark(answers.ours, right[0])), uchardet "
                            + "\(mark(answers.uchardet, right[1])), ICU \(mark(answers.icu, right[2])), "
                            + "combined \(mark(answers.combined, right[3]))"
                    )
                }
            }
        }
        perFolder.forEach { print($0) }
        print(
            "corpus \(corpus): \(files) files with a reference decoding (\(skipped) without: iconv lacks the "
                + "label) — ours \(tallies[0]), uchardet \(tallies[1]), ICU \(tallies[2]), combined \(tallies[3])"
        )
    }

    /// Reading a UTF-8 CSV with detection against the same with `--encoding utf-8` (no detection).
    func speed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-bench-detect-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("contacts.csv").path
        _ = try SampleWriter.write(count: count, format: .csv, to: path, duplicateRate: 0.1, seed: 42)
        func time(_ options: ReadOptions) throws -> Double {
            var best = Double.infinity
            for _ in 0..<max(1, runs) {
                let c0 = ReadBenchCommand.cpuSeconds()
                var reader = try SourceReaders.open(path: path, format: .csv, options: options)
                var n = 0
                while let e = try reader.next() { if e.isRecord { n += 1 } }
                best = min(best, ReadBenchCommand.cpuSeconds() - c0)
            }
            return best
        }
        // Interleaved, so that load changes hit both alike.
        var detected = Double.infinity, forced = Double.infinity
        for _ in 0..<2 {
            detected = min(detected, try time(ReadOptions()))
            forced = min(forced, try time(ReadOptions(encoding: .utf8)))
        }
        print(
            String(
                format:
                    "UTF-8 CSV, %d contacts: CPU best with detection %.3f s, "
                    + "with --encoding utf-8 %.3f s: detection costs %+.1f %%",
                count, detected, forced, (detected / forced - 1) * 100))
    }
}

extension SourceEncoding {
    /// Strict decoding for any encoding (the bench compares whole files).
    func decodeAny(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        if isASCIICompatible { return decode(p) }
        return DetectionBenchCommand.iconvDecode(Array(p), name: rawValue)
    }
}
