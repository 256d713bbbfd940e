import CRMImport
import FuzzSupport

/// The CSV reader on any bytes: see `ReaderFuzzing`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ReaderFuzzing.run(fuzzBytes(data, size), format: .csv)
    return 0
}
