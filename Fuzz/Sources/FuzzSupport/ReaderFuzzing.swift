import CRMImport

/// The shared body of the three reader targets. The first input byte picks reader options, the
/// rest is the file. Every event is consumed and every field touched and rendered as NDJSON; a
/// thrown `SourceReadError` (an unreadable file) is an accepted outcome, anything else a finding.
public enum ReaderFuzzing {
    public static func run(_ input: [UInt8], format: SourceFormat) {
        guard let selector = input.first else { return }
        let bytes = Array(input.dropFirst())
        var options = ReadOptions()
        options.maxRecordBytes = 4096 + Int(selector) * 64
        switch selector & 7 {
        case 1: options.encoding = .utf16LE
        case 2: options.encoding = .latin1
        case 3: options.fallbackEncoding = .shiftJIS
        case 4: options.header = false
        case 5: options.raggedRows = .strict
        case 6: options.delimiter = UInt8(ascii: ";"); options.commentPrefix = "#"
        case 7: options.nullTokens = ["NULL", ""]; options.skipLines = 1
        default: break
        }
        if format == .xml {
            let paths = [
                nil, "/*", "/*/*", "/a/b[@k='v']", "/entities/entity[@name='x']/records/record", "/{urn:x}a/*",
            ]
            options.recordPath = paths[Int(selector >> 3) % paths.count]
        }
        do {
            var reader = try SourceReaders.open(bytes: bytes, name: "fuzz", format: format, options: options)
            var total = 0
            while let event = try reader.next() {
                switch event {
                case .record(let record):
                    guard record.provenance.line >= 1, record.provenance.record >= 1 else {
                        fuzzFinding(
                            "record with provenance line \(record.provenance.line), record \(record.provenance.record)")
                    }
                    for field in record.fields {
                        total &+= field.name.utf8.count &+ field.value.utf8.count &+ field.parameters.count
                    }
                    var out: [UInt8] = []
                    NDJSON.render(record, into: &out)
                case .issue(let issue):
                    guard issue.provenance.line >= 0 else { fuzzFinding("issue with line \(issue.provenance.line)") }
                    total &+= issue.message.utf8.count
                }
            }
            if total == -1 { print(total) }
        } catch is SourceReadError {
            // An unreadable file is a legitimate outcome.
        } catch {
            fuzzFinding("unexpected error type: \(error)")
        }
    }
}
