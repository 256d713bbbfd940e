import CRMModel
import CRMSupport
import Foundation

/// The hash of an object's content, as the state file and saved plans record it. Objects are
/// reduced to their spec shape first, so server-side bookkeeping (`updatedOn`, ids) never counts
/// as a change.
public enum ContentHash {
    public static func of<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding spec values cannot fail (no non-finite numbers are produced by the API's JSON).
        let data = (try? encoder.encode(value)) ?? Data()
        return "sha256:" + SHA256.hexDigest([UInt8](data))
    }
}
