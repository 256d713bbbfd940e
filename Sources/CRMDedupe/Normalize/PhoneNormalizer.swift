/// A phone number in E.164 form, with the extension kept apart so that two records with the
/// same switchboard number and different extensions still agree on the number.
public struct NormalizedPhone: Sendable, Hashable, Codable {
    /// `+` country code and national significant number, e.g. `+442079460018`.
    public var e164: String
    public var callingCode: String
    public var nationalNumber: String
    public var phoneExtension: String?
    /// False when no country could be determined and the digits were kept as written.
    public var isInternational: Bool
}

/// Normalises phone numbers to E.164 using a default region for numbers written nationally.
public struct PhoneNormalizer: Sendable {
    public var defaultRegion: String {
        didSet { home = Self.home(of: defaultRegion) }
    }
    /// The default region's numbering rules, looked up once.
    private var home: CallingRegion?

    public init(defaultRegion: String = "US") {
        self.defaultRegion = defaultRegion.uppercased()
        self.home = Self.home(of: self.defaultRegion)
    }

    private static func home(of region: String) -> CallingRegion? {
        CallingCodes.regions[region.uppercased()] ?? CallingCodes.regions[region]
    }

    /// `normalize(raw, region:)`'s E.164 form and extension. The common cases (ASCII digits and
    /// punctuation, no extension, written nationally or with `+`, the default region) are
    /// written straight from the bytes; everything else goes through `normalize`.
    public func e164(_ raw: String, region: String? = nil) -> (e164: String, phoneExtension: String?)? {
        if region == nil, let home {
            switch Self.plainNational(raw, home: home) {
            case .number(let e164): return (e164, nil)
            case .notANumber: return nil
            case .other: break
            }
        }
        return normalize(raw, region: region).map { ($0.e164, $0.phoneExtension) }
    }

    /// `nil` when fewer than 4 digits remain (`n/a`, `-`, a lone extension).
    /// `region` overrides the default for one record (e.g. from its country field).
    public func normalize(_ raw: String, region: String? = nil) -> NormalizedPhone? {
        let (body, ext) = Self.splitExtension(raw)
        // ASCII text (nearly every number) is scanned on its bytes, without building Characters;
        // other text by the ASCII value of each Character, so that a digit followed by a combining
        // mark is not a digit, as before.
        let (digits, sawPlus, letters) =
            body.utf8.allSatisfy { $0 < 0x80 }
            ? Self.scanDigits(body.utf8) : Self.scanDigits(body.lazy.compactMap(\.asciiValue))
        guard digits.utf8.count >= 4, letters <= 7 else { return nil }
        return normalize(digits: digits, sawPlus: sawPlus, ext: ext, region: region)
    }

    /// The digits of a number (keypad letters as digits), whether a `+` came before the first
    /// digit, and how many letters were read as digits.
    static func scanDigits(_ characters: some Sequence<UInt8>) -> (String, Bool, Int) {
        var digits: [UInt8] = []
        digits.reserveCapacity(characters.underestimatedCount)
        var sawPlus = false
        var sawDigit = false
        var letters = 0
        for ascii in characters {
            switch ascii {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(ascii)
                sawDigit = true
            case UInt8(ascii: "+") where !sawDigit: sawPlus = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                // Vanity numbers (1-800-FLOWERS): letters after the first digit are keypad digits.
                if sawDigit, let digit = keypad(ascii)?.asciiValue {
                    digits.append(digit)
                    letters += 1
                }
            default: break
            }
        }
        return (String(decoding: digits, as: UTF8.self), sawPlus, letters)
    }

    /// E.164 from the scanned digits: the international prefix or the home region decides the code.
    private func normalize(digits: String, sawPlus: Bool, ext: String?, region: String?) -> NormalizedPhone? {
        let home = region.flatMap { CallingCodes.regions[$0.uppercased()] } ?? self.home

        var international: String?
        if sawPlus {
            international = digits
        } else if let home, home.internationalPrefix != "00", digits.hasPrefix(home.internationalPrefix) {
            // Checked before "00" because Australia's "0011" also starts with it.
            international = String(digits.dropFirst(home.internationalPrefix.count))
        } else if digits.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        }
        if let international {
            if let code = Self.leadingCallingCode(of: international) {
                var national = String(international.dropFirst(code.count))
                // "+44 (0)20 …": the bracketed trunk prefix is written but never dialled.
                if CallingCodes.dropsTrunkZero.contains(code), national.hasPrefix("0") {
                    national.removeFirst()
                }
                return NormalizedPhone(
                    e164: "+" + code + national, callingCode: code, nationalNumber: national,
                    phoneExtension: ext, isInternational: true)
            }
            return NormalizedPhone(
                e164: "+" + international, callingCode: "", nationalNumber: international,
                phoneExtension: ext, isInternational: false)
        }
        guard let home else {
            return NormalizedPhone(
                e164: digits, callingCode: "", nationalNumber: digits, phoneExtension: ext,
                isInternational: false)
        }
        var national = digits
        if let trunk = home.trunkPrefix, !home.keepsTrunkPrefix, national.hasPrefix(trunk),
            home.nationalLengths.contains(national.count - trunk.count)
        {
            national.removeFirst(trunk.count)
        } else if national.hasPrefix(home.callingCode),
            home.nationalLengths.contains(national.count - home.callingCode.count),
            !home.nationalLengths.contains(national.count)
        {
            // Written with the country code but without + or 00 ("44 20 7946 0018").
            national.removeFirst(home.callingCode.count)
        }
        return NormalizedPhone(
            e164: "+" + home.callingCode + national, callingCode: home.callingCode,
            nationalNumber: national, phoneExtension: ext, isInternational: true)
    }

    /// What `plainNational` made of a number.
    enum PlainAnswer: Equatable {
        case number(String)
        case notANumber
        /// Not the plain case: `normalize` decides.
        case other
    }

    /// The plain case of `e164`: the same answer `normalize` gives, computed on the bytes
    /// without the intermediate strings (numbers are normalised for every record of an import,
    /// several per record).
    static func plainNational(_ raw: String, home: CallingRegion) -> PlainAnswer {
        var raw = raw
        return raw.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 4) { digits in
                var digitCount = 0
                var sawPlus = false
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"):
                        digits[digitCount] = byte
                        digitCount += 1
                    case UInt8(ascii: "+") where digitCount == 0: sawPlus = true
                    // Letters (extensions, keypad letters), extension markers, non-ASCII text.
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                        UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: ";"), 0x80...:
                        return .other
                    default: break
                    }
                }
                // A constant from here on: the nested functions below read it without the run-time
                // exclusivity check a captured variable costs on every access.
                let count = digitCount
                guard count >= 4 else { return .notANumber }
                let number = UnsafeBufferPointer(rebasing: digits[0..<count])
                func starts(with prefix: String) -> Bool {
                    var index = 0
                    for byte in prefix.utf8 {
                        guard index < count, number[index] == byte else { return false }
                        index += 1
                    }
                    return true
                }
                func e164(skipping start: Int, _ skipped: Int) -> PlainAnswer {
                    .number(
                        String(unsafeUninitializedCapacity: 1 + count - skipped) { out in
                            out[0] = UInt8(ascii: "+")
                            var index = 1
                            for (position, byte) in number.enumerated()
                            where position < start || position >= start + skipped {
                                out[index] = byte
                                index += 1
                            }
                            return index
                        })
                }
                if sawPlus {
                    // "+44 (0)20 …": the bracketed trunk prefix after the code is written, never dialled.
                    guard let code = leadingCallingCode(number) else { return e164(skipping: 0, 0) }
                    let dropsZero =
                        CallingCodes.dropsTrunkZero.contains(code) && count > code.utf8.count
                        && number[code.utf8.count] == UInt8(ascii: "0")
                    return e164(skipping: code.utf8.count, dropsZero ? 1 : 0)
                }
                if (home.internationalPrefix != "00" && starts(with: home.internationalPrefix)) || starts(with: "00") {
                    return .other
                }
                var start = 0
                if let trunk = home.trunkPrefix, !home.keepsTrunkPrefix, starts(with: trunk),
                    home.nationalLengths.contains(count - trunk.utf8.count)
                {
                    start = trunk.utf8.count
                } else if starts(with: home.callingCode),
                    home.nationalLengths.contains(count - home.callingCode.utf8.count),
                    !home.nationalLengths.contains(count)
                {
                    start = home.callingCode.utf8.count
                }
                let code = home.callingCode.utf8
                let length = 1 + code.count + count - start
                return .number(
                    String(unsafeUninitializedCapacity: length) { out in
                        out[0] = UInt8(ascii: "+")
                        var index = 1
                        for byte in code { out[index] = byte; index += 1 }
                        for byte in number[start...] { out[index] = byte; index += 1 }
                        return length
                    })
            }
        }
    }

    /// `leadingCallingCode(of:)` of digits in a buffer.
    private static func leadingCallingCode(_ digits: UnsafeBufferPointer<UInt8>) -> String? {
        for length in 1...3 where digits.count > length {
            let prefix = String(decoding: UnsafeBufferPointer(rebasing: digits[0..<length]), as: UTF8.self)
            if CallingCodes.allCallingCodes.contains(prefix) { return prefix }
        }
        return nil
    }

    static func leadingCallingCode(of digits: String) -> String? {
        for length in 1...3 where digits.count > length {
            let prefix = String(digits.prefix(length))
            if CallingCodes.allCallingCodes.contains(prefix) { return prefix }
        }
        return nil
    }

    /// Splits "555 1234 ext. 56", "555 1234 x56", "555 1234 #56", "555 1234,56".
    static func splitExtension(_ raw: String) -> (String, String?) {
        // Most numbers have no extension: skip the marker search unless a letter or marker is present.
        let hasMarker = raw.utf8.contains { b in
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "#") || b == UInt8(ascii: ",")
                || b == UInt8(ascii: ";") || b >= 0x80
        }
        guard hasMarker else { return (raw, nil) }
        let lower = TextFolding.asciiLowercased(raw)
        for marker in ["extension", "ext.", "ext", " x", "x.", "#", ",", ";", "poste"] {
            guard let range = lower.range(of: marker) else { continue }
            let before = lower[..<range.lowerBound]
            guard before.contains(where: \.isNumber) else { continue }
            let after = lower[range.upperBound...].filter(\.isNumber)
            let offset = lower.distance(from: lower.startIndex, to: range.lowerBound)
            let body = String(raw.prefix(offset))
            return (body, after.isEmpty ? nil : String(after))
        }
        return (raw, nil)
    }

    static func keypad(_ ascii: UInt8) -> Character? {
        switch ascii | 0x20 {
        case UInt8(ascii: "a")...UInt8(ascii: "c"): "2"
        case UInt8(ascii: "d")...UInt8(ascii: "f"): "3"
        case UInt8(ascii: "g")...UInt8(ascii: "i"): "4"
        case UInt8(ascii: "j")...UInt8(ascii: "l"): "5"
        case UInt8(ascii: "m")...UInt8(ascii: "o"): "6"
        case UInt8(ascii: "p")...UInt8(ascii: "s"): "7"
        case UInt8(ascii: "t")...UInt8(ascii: "v"): "8"
        case UInt8(ascii: "w")...UInt8(ascii: "z"): "9"
        default: nil
        }
    }
}
