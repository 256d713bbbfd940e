import CRMModel
import CRMSupport
import Foundation
import Synchronization

/// Generates API keys: 32 random bytes from the system's CSPRNG, base64url without padding
/// (43 characters), so a key can be pasted into a header, a URL or a shell without quoting.
enum APIKeyGenerator {
    static func newKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func newSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// A stored key: a random salt and SHA-256(salt + key). The key itself is never written anywhere.
struct StoredKeyHash: Sendable, Hashable {
    var slot: String
    var salt: String
    var digest: [UInt8]

    static func make(slot: String, key: String) -> StoredKeyHash {
        let salt = APIKeyGenerator.newSalt()
        return StoredKeyHash(slot: slot, salt: salt, digest: SHA256.hash(Array((salt + key).utf8)))
    }

    func matches(_ candidate: String) -> Bool {
        ConstantTime.equals(SHA256.hash(Array((salt + candidate).utf8)), digest)
    }
}

enum ConstantTime {
    /// Compares two byte strings in time that depends only on their lengths, so a caller cannot
    /// learn a key prefix from response times.
    static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}

/// The keys a running sandbox accepts: the persisted primary and secondary (as hashes) and any
/// session keys added in memory (the embedded sandbox's), which are never persisted.
final class APIKeyRing: Sendable {
    private let stored: [StoredKeyHash]
    private let sessionDigests = Mutex<[[UInt8]]>([])

    init(stored: [StoredKeyHash]) { self.stored = stored }

    func addSessionKey(_ key: String) {
        let digest = SHA256.hash(Array(key.utf8))
        sessionDigests.withLock { $0.append(digest) }
    }

    /// Every stored and session key is compared (no early exit), so timing reveals nothing.
    func accepts(_ candidate: String?) -> Bool {
        guard let candidate, !candidate.isEmpty else { return false }
        var accepted = false
        for key in stored where key.matches(candidate) { accepted = true }
        let digest = SHA256.hash(Array(candidate.utf8))
        for session in sessionDigests.withLock({ $0 }) where ConstantTime.equals(session, digest) { accepted = true }
        return accepted
    }
}
