import CCurl
import Foundation
import Synchronization

/// One exchange in flight on the multi driver: the request (whose body curl reads in place), the
/// response being received, and who to tell when it ends. Only the driver thread touches it while
/// it is in flight.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    let options: CurlTransport.Options
    private let completion: @Sendable (Result<HTTPResponse, TransportError>) -> Void

    var status = 0
    var headers: [String: String] = [:]
    /// Grows as curl delivers chunks; reserved up front from `Content-Length` so a large body is
    /// written once into one buffer rather than copied as it grows.
    var body = Data()
    private var uploadOffset = 0

    init(
        request: HTTPRequest, options: CurlTransport.Options,
        completion: @escaping @Sendable (Result<HTTPResponse, TransportError>) -> Void
    ) {
        self.request = request
        self.options = options
        self.completion = completion
    }

    /// Copies the next chunk of the request body into curl's buffer.
    func readBody(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        guard let body = request.body, uploadOffset < body.count else { return 0 }
        let length = min(capacity, body.count - uploadOffset)
        let start = body.startIndex + uploadOffset
        body.copyBytes(to: buffer.assumingMemoryBound(to: UInt8.self), from: start..<(start + length))
        uploadOffset += length
        return length
    }

    /// Curl rewinds the body to resend the request on a fresh connection when a reused one died
    /// before any answer arrived: the server may have performed it all the same. For a request
    /// that is not idempotent (POST) that silent resend would create twice, so it is refused once
    /// any of the body went out; the transfer then fails, and the caller sees an unknown outcome
    /// it can check.
    func rewindBody(to offset: Int) -> Bool {
        guard offset >= 0, offset <= (request.body?.count ?? 0) else { return false }
        if request.method == "POST" && uploadOffset > 0 { return false }
        uploadOffset = offset
        return true
    }

    func finish(_ result: Result<HTTPResponse, TransportError>) {
        completion(result)
    }

    private let cancelled = Atomic(false)

    /// Asks the driver to abandon the transfer (the awaiting task was cancelled).
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Reads one header line from curl's buffer without Foundation string work: it runs once per
    /// header of every answer.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        let bytes = line.bindMemory(to: UInt8.self)
        if bytes.starts(with: "HTTP/".utf8) {
            headers.removeAll(keepingCapacity: true)  // a new response (after a 100 Continue) starts
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        var nameEnd = colon
        while nameEnd > 0, Self.isBlank(bytes[nameEnd - 1]) { nameEnd -= 1 }
        var valueStart = colon + 1
        var valueEnd = bytes.count
        while valueStart < valueEnd, Self.isBlank(bytes[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, Self.isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
        let name = String(decoding: bytes[0..<nameEnd].lazy.map(Self.lowercased), as: UTF8.self)
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
        headers[name] = value
        if name == "content-length", let length = Int(value), length > 0, length <= 64 << 20 {
            body.reserveCapacity(length)
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
