/// The API's phone rule (api-notes, `tel`): an optional leading `+`, then digits, spaces and
/// `-` `(` `)` `.`; 3 to 20 digits; optionally an extension (`ext`, `ext.`, `x` or `#` followed
/// by 1–6 digits, spaces around allowed). Letters anywhere else are refused, which catches
/// e-mail addresses typed into phone columns.
public enum TelephoneSyntax {
    public static func isValid(_ text: String) -> Bool {
        // On the string's own UTF-8 storage, not an array copy (one allocation less per phone).
        var text = text
        return text.withUTF8(isValid(bytes:))
    }

    private static func isValid(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == 0x2B { index += 1 }
        var digits = 0
        while index < bytes.count {
            let byte = bytes[index]
            if ASCII.isDigit(byte) {
                digits += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x2D || byte == 0x28 || byte == 0x29 || byte == 0x2E {
                // separators
            } else {
                break
            }
            index += 1
        }
        guard (3...20).contains(digits) else { return false }
        if index == bytes.count { return true }
        return isExtension(bytes, from: index)
    }

    /// The digits of a phone number, by which the API compares phones for duplicates.
    public static func digits(of text: String) -> String {
        // Written straight into the string's storage (no array in between; short results,
        // as phone numbers are, need no allocation at all).
        let bytes = text.utf8
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            for byte in bytes where ASCII.isDigit(byte) {
                buffer[count] = byte
                count += 1
            }
            return count
        }
    }

    private static func isExtension(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        let marker = ASCII.lower(bytes[index])
        if marker == 0x23 || marker == 0x78 {  // "#" or "x"
            index += 1
        } else if marker == 0x65, index + 2 < bytes.count, ASCII.lower(bytes[index + 1]) == 0x78,
            ASCII.lower(bytes[index + 2]) == 0x74
        {  // "ext", optionally "ext."
            index += 3
            if index < bytes.count, bytes[index] == 0x2E { index += 1 }
        } else {
            return false
        }
        while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
        var digits = 0
        while index < bytes.count, ASCII.isDigit(bytes[index]) { digits += 1; index += 1 }
        while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
        return index == bytes.count && (1...6).contains(digits)
    }
}
