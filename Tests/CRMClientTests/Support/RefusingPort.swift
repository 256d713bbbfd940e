import Foundation

/// A loopback port that refuses every connection and that no other server can take while the
/// test runs: a socket bound to it that never listens. (A server's port freed by `stop()` can be
/// handed to another test's server running at the same time, which would then answer.)
final class RefusingPort: Sendable {
    let port: Int
    private let socketDescriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        socketDescriptor = descriptor
        port = try LoopbackSocket.bindToFreePort(descriptor)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit { close(socketDescriptor) }
}

enum LoopbackSocket {
    /// Binds `descriptor` to a free port of 127.0.0.1 and returns the port.
    static func bindToFreePort(_ descriptor: Int32) throws -> Int {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
