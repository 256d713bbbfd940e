import CRMImport
import FuzzSupport

/// Encoding detection and decoding on any bytes. The first byte picks the fallback encoding and
/// whether the buffer is the end of the file; the rest is the start of a file. Detection must
/// return a byte-order mark no longer than the buffer, decoding must not crash, and the UTF-8
/// check must agree with the standard library's on a complete buffer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let selector = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    let encodings = SourceEncoding.allCases
    let fallback = encodings[Int(selector & 0x7F) % encodings.count]
    let atEOF = selector & 0x80 == 0
    bytes.withUnsafeBufferPointer { buffer in
        let (encoding, bomLength, _) = SourceEncoding.detect(buffer, fallback: fallback, atEOF: atEOF)
        guard bomLength >= 0, bomLength <= buffer.count else {
            fuzzFinding("byte-order mark of \(bomLength) bytes in a buffer of \(buffer.count)")
        }
        _ = encoding.decode(UnsafeBufferPointer(rebasing: buffer[bomLength...]))
        _ = fallback.decode(buffer)
        let ours = SourceEncoding.isValidUTF8(buffer, allowTruncatedEnd: false)
        let standard = String(validating: buffer, as: UTF8.self) != nil
        guard ours == standard else {
            fuzzFinding("isValidUTF8 says \(ours), the standard library \(standard)")
        }
    }
    return 0
}
