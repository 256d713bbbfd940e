import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Who may talk to the review server: only a page it served itself, on this machine. The
/// random token is printed once in the URL; the first page turns it into a same-site cookie so
/// the page's own requests carry it. The Host check stops DNS rebinding (a hostile site whose
/// name resolves to 127.0.0.1); the Origin check stops other pages posting decisions.
final class ReviewAccess: Sendable {
    static let cookieName = "crmkit-review"
    static let headerName = "X-Review-Token"

    let token: String
    private let port = Atomic<Int>(0)

    init(token: String = ReviewAccess.newToken()) {
        self.token = token
    }

    /// The bound port, known once the server listens.
    func listening(on port: Int) { self.port.store(port, ordering: .releasing) }

    /// 32 random bytes in hex: not guessable within a session.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    enum Refusal: Error {
        case wrongHost, otherOrigin, noToken
    }

    /// Checks a request; answers whether the token came in the URL (the page then sets the cookie).
    func check(_ request: Request) throws(Refusal) -> Bool {
        let port = self.port.load(ordering: .acquiring)
        let allowedHosts = ["127.0.0.1:\(port)", "localhost:\(port)"]
        guard let host = request.head.authority, allowedHosts.contains(host.lowercased()) else { throw .wrongHost }
        if let origin = request.headers[.origin],
            !allowedHosts.contains(where: { origin.lowercased() == "http://" + $0 })
        {
            throw .otherOrigin
        }
        if let given = request.uri.queryParameters["token"], Self.same(String(given), token) { return true }
        if let given = request.headers[values: .cookie].lazy.compactMap({ Self.cookie(Self.cookieName, in: $0) }).first,
            Self.same(given, token)
        {
            return false
        }
        if let name = HTTPField.Name(Self.headerName), let given = request.headers[name], Self.same(given, token) {
            return false
        }
        throw .noToken
    }

    /// The value of cookie `name` in a `Cookie:` header.
    static func cookie(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix(name + "=") { return String(pair.dropFirst(name.count + 1)) }
        }
        return nil
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// Set on the first page: HttpOnly (scripts cannot read it), SameSite=Strict (no other site's
    /// request carries it).
    var setCookie: String { "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict" }
}
