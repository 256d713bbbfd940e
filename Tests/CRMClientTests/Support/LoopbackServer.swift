import Foundation
import Glibc
import Synchronization

/// A minimal HTTP/1.1 server on 127.0.0.1 for transport tests: one thread per connection,
/// keep-alive, requests with a Content-Length body. The handler answers raw bytes, or `nil` to
/// close the connection without answering (a request that dies after it was received).
final class LoopbackServer: Sendable {
    struct Request: Sendable {
        var head: String
        var body: Data
        var method: String { String(head.prefix { $0 != " " }) }
        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    let port: Int
    private let listener: Int32
    private let connections = Mutex(0)
    private let received = Mutex<[Request]>([])

    init(handler: @escaping @Sendable (Request) -> Data?) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let port = try LoopbackSocket.bindToFreePort(listener)
        guard listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        self.listener = listener
        self.port = port
        Thread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                connections.withLock { $0 += 1 }
                Thread { [self] in serve(client, handler) }.start()
            }
        }.start()
    }

    /// Connections accepted so far.
    var connectionCount: Int { connections.withLock { $0 } }
    var requests: [Request] { received.withLock { $0 } }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ client: Int32, _ handler: @Sendable (Request) -> Data?) {
        defer { close(client) }
        var buffer = Data()
        while let request = Self.readRequest(client, &buffer) {
            received.withLock { $0.append(request) }
            guard let answer = handler(request) else { return }
            guard Self.writeAll(client, answer) else { return }
        }
    }

    static func readRequest(_ socket: Int32, _ buffer: inout Data) -> Request? {
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            guard readMore(socket, &buffer) else { return nil }
        }
        guard let end = buffer.range(of: separator) else { return nil }
        let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        var request = Request(head: head, body: Data())
        let length = Int(request.header("Content-Length") ?? "0") ?? 0
        while buffer.count - (end.upperBound - buffer.startIndex) < length {
            guard readMore(socket, &buffer) else { return nil }
        }
        request.body = Data(buffer[end.upperBound..<(end.upperBound + length)])
        buffer = Data(buffer[(end.upperBound + length)...])
        return request
    }

    private static func readMore(_ socket: Int32, _ buffer: inout Data) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        var count = recv(socket, &chunk, chunk.count, 0)
        // A signal for another thread (a child process of another test ending) interrupts the call.
        while count < 0 && errno == EINTR { count = recv(socket, &chunk, chunk.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    static func writeAll(_ socket: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return true }
            var offset = 0
            while offset < bytes.count {
                let written = send(socket, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    static func response(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Data {
        response(status, Data(body.utf8), headers: headers)
    }

    static func response(_ status: Int, _ body: Data, headers: [String: String] = [:]) -> Data {
        var head = "HTTP/1.1 \(status) X\r\nContent-Length: \(body.count)\r\nContent-Type: application/json\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return Data((head + "\r\n").utf8) + body
    }
}
