// libFuzzer entry point for the readers. Compiled together with Sources/CRMImport by
// Fuzz/run.sh, once per format (-D FUZZ_CSV, -D FUZZ_VCARD or -D FUZZ_XML).
//
// The first input byte picks reader options, the rest is the file. Every event is consumed and
// every field touched; a thrown SourceReadError is an accepted outcome (an unreadable file), any
// crash, hang or runaway memory is a bug.

#if FUZZ_CSV
let fuzzFormat = SourceFormat.csv
#elseif FUZZ_VCARD
let fuzzFormat = SourceFormat.vcard
#else
let fuzzFormat = SourceFormat.xml
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
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
    if fuzzFormat == .xml {
        let paths = [nil, "/*", "/*/*", "/a/b[@k='v']", "/entities/entity[@name='x']/records/record", "/{urn:x}a/*"]
        options.recordPath = paths[Int(selector >> 3) % paths.count]
    }
    do {
        var reader = try SourceReaders.open(bytes: bytes, name: "fuzz", format: fuzzFormat, options: options)
        var total = 0
        while let event = try reader.next() {
            switch event {
            case .record(let r):
                precondition(r.provenance.line >= 1 && r.provenance.record >= 1)
                for f in r.fields { total &+= f.name.utf8.count &+ f.value.utf8.count &+ f.parameters.count }
                var out: [UInt8] = []
                NDJSON.render(r, into: &out)
            case .issue(let i):
                precondition(i.provenance.line >= 0)
                total &+= i.message.utf8.count
            }
        }
        if total == -1 { print(total) }
    } catch is SourceReadError {
        // An unreadable file is a legitimate outcome.
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
