/// The New York State Identification and Intelligence System phonetic code (Taft, 1970).
///
/// Chosen over Soundex because it keeps vowel positions and more letters (fewer false blocks), and
/// over Double Metaphone because one code per name keeps blocking simple. Keys are not truncated to
/// six letters by default: longer keys make smaller blocks, and the other blocking keys cover the
/// typos a long key misses.
public enum NYSIIS {
    public static func encode(_ name: String, maxLength: Int = 8) -> String {
        var s: [UInt8] = TextFolding.fold(name).utf8.compactMap { byte in
            (byte >= 97 && byte <= 122) ? byte - 32 : nil
        }
        guard !s.isEmpty else { return "" }
        func has(prefix: String) -> Bool { s.starts(with: prefix.utf8) }
        func has(suffix: String) -> Bool {
            s.count >= suffix.utf8.count && s.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
        }
        func replacePrefix(_ p: String, _ r: String) { s.replaceSubrange(0..<p.utf8.count, with: r.utf8) }
        func replaceSuffix(_ p: String, _ r: String) {
            s.replaceSubrange((s.count - p.utf8.count)..<s.count, with: r.utf8)
        }

        if has(prefix: "MAC") {
            replacePrefix("MAC", "MCC")
        } else if has(prefix: "KN") {
            replacePrefix("KN", "NN")
        } else if has(prefix: "K") {
            replacePrefix("K", "C")
        } else if has(prefix: "PH") || has(prefix: "PF") {
            replacePrefix("PH", "FF")
        } else if has(prefix: "SCH") {
            replacePrefix("SCH", "SSS")
        }

        if has(suffix: "EE") || has(suffix: "IE") {
            replaceSuffix("EE", "Y")
        } else if has(suffix: "DT") || has(suffix: "RT") || has(suffix: "RD") || has(suffix: "NT") || has(suffix: "ND")
        {
            replaceSuffix("DT", "D")
        }

        let A = UInt8(ascii: "A"), E = UInt8(ascii: "E"), I = UInt8(ascii: "I"), O = UInt8(ascii: "O"),
            U = UInt8(ascii: "U")
        func isVowel(_ c: UInt8) -> Bool { c == A || c == E || c == I || c == O || c == U }
        var key: [UInt8] = [s[0]]
        var i = 1
        while i < s.count {
            var emit: [UInt8]
            let c = s[i]
            let next: UInt8 = i + 1 < s.count ? s[i + 1] : 0
            if c == E && next == UInt8(ascii: "V") {
                emit = Array("AF".utf8); i += 2
            } else if isVowel(c) {
                emit = [A]; i += 1
            } else if c == UInt8(ascii: "Q") {
                emit = [UInt8(ascii: "G")]; i += 1
            } else if c == UInt8(ascii: "Z") {
                emit = [UInt8(ascii: "S")]; i += 1
            } else if c == UInt8(ascii: "M") {
                emit = [UInt8(ascii: "N")]; i += 1
            } else if c == UInt8(ascii: "K") {
                if next == UInt8(ascii: "N") {
                    emit = [UInt8(ascii: "N")]; i += 2
                } else {
                    emit = [UInt8(ascii: "C")]; i += 1
                }
            } else if c == UInt8(ascii: "S"), next == UInt8(ascii: "C"), i + 2 < s.count, s[i + 2] == UInt8(ascii: "H")
            {
                emit = Array("SSS".utf8); i += 3
            } else if c == UInt8(ascii: "P"), next == UInt8(ascii: "H") {
                emit = Array("FF".utf8); i += 2
            } else if c == UInt8(ascii: "H") {
                let previous = s[i - 1]
                if !isVowel(previous) || (next != 0 && !isVowel(next)) || next == 0 {
                    emit = [previous]
                } else {
                    emit = [c]
                }
                i += 1
            } else if c == UInt8(ascii: "W"), isVowel(s[i - 1]) {
                emit = [s[i - 1]]; i += 1
            } else {
                emit = [c]; i += 1
            }
            // The translated letters replace the source letters, so later rules see them.
            for byte in emit where byte != key.last { key.append(byte) }
        }
        if key.count > 1, key.last == UInt8(ascii: "S") { key.removeLast() }
        if key.count > 2, key.suffix(2).elementsEqual("AY".utf8) {
            key.replaceSubrange((key.count - 2)..<key.count, with: [UInt8(ascii: "Y")])
        }
        if key.count > 1, key.last == A { key.removeLast() }
        return String(decoding: key.prefix(maxLength), as: UTF8.self)
    }
}
