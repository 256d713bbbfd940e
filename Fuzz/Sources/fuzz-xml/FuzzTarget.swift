import CRMImport
import FuzzSupport

/// The XML reader on any bytes: see `ReaderFuzzing`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ReaderFuzzing.run(fuzzBytes(data, size), format: .xml)
    return 0
}
