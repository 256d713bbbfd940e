/// Scores how plausible a decoding of a single-byte file is, from the letters it produces.
///
/// Every byte decodes to *something* in most single-byte encodings, so validity says nothing;
/// what tells them apart is whether the result looks like a language written in that encoding's
/// script. A short address book gives only a few dozen non-ASCII letters, so the signals are
/// coarse but strong ones: letters of the expected alphabets, symbols inside words (`Wi¶niewski`),
/// case that flips inside a word (KOI8-R read as windows-1251), Latin words made only of accented
/// letters (Cyrillic read as windows-1252), and Cyrillic or Greek words without vowels.
enum LetterStatistics {
    /// Languages by the lower-case non-ASCII letters their names and words use.
    struct Language {
        let letters: Set<UInt32>
        let vowels: Set<UInt32>
        let latin: Bool
        /// What one of its letters is worth.
        var weight = 2.0

        init(_ letters: String, vowels: String = "", latin: Bool = true) {
            self.letters = Set(letters.unicodeScalars.map(\.value))
            self.vowels = Set(vowels.unicodeScalars.map(\.value))
            self.latin = latin
        }

        init(union: [Language]) {
            letters = union.reduce(into: Set()) { $0.formUnion($1.letters) }
            vowels = union.reduce(into: Set()) { $0.formUnion($1.vowels) }
            latin = union.first?.latin ?? true
            weight = 1.5
        }
    }

    static let western = Language("àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿßœš ž".replacingOccurrences(of: " ", with: ""))
    static let polish = Language("ąćęłńóśźż")
    static let czechSlovak = Language("áäčďéěíĺľňóôŕřšťúůýž")
    static let hungarian = Language("áéíóöőúüű")
    static let southSlavic = Language("čćđšž")
    static let romanian = Language("ăâîșțşţ")
    static let germanInCentral = Language("äöüßé")
    static let turkish = Language("çğıöşüâîû")
    static let baltic = Language("āčēģīķļņšūžąęėįųõäöü")
    static let nordic = Language("æøåäöðþáéíóúý")
    static let maltese = Language("ċġħżàèìòù")
    static let esperanto = Language("ĉĝĥĵŝŭ")
    static let vietnamese = Language("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
    static let cyrillicVowels = "аеёиоуыэюяіїєў"
    static let russian = Language("абвгдежзийклмнопрстуфхцчшщъыьэюяё", vowels: cyrillicVowels, latin: false)
    static let ukrainian = Language("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", vowels: cyrillicVowels, latin: false)
    static let belarusian = Language("абвгдеёжзійклмнопрстуўфхцчшыьэюя", vowels: cyrillicVowels, latin: false)
    static let bulgarian = Language("абвгдежзийклмнопрстуфхцчшщъьюя", vowels: cyrillicVowels, latin: false)
    static let serbian = Language("абвгдђежзијклљмнњопрстћуфхцчџшѓќѕ", vowels: cyrillicVowels, latin: false)
    static let hebrew = Language("אבגדהוזחטיךכלםמןנסעףפץצקרשת", latin: false)
    static let arabic = Language("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي", latin: false)
    static let thai = Language("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮะัาำิีึืฺุู฿เแโใไๅๆ็่้๊๋์", latin: false)
    static let greek = Language("αβγδεζηθικλμνξοπρστυφχψωάέήίόύώςϊϋΐΰ", vowels: "αεηιουωάέήίόύώϊϋΐΰ", latin: false)

    /// The languages written in each single-byte encoding, and (for an address book that mixes
    /// Polish and Czech names) all of them together, worth a little less per letter: one
    /// language's letters tell ISO-8859-2 `š` from windows-1250's `ą` for the same byte.
    static let languagesByEncoding: [SourceEncoding: [Language]] = {
        var out: [SourceEncoding: [Language]] = [:]
        for e in candidates {
            let ls = singleLanguages(e)
            out[e] = ls.count > 1 ? ls + [Language(union: ls)] : ls
        }
        return out
    }()

    static func languages(_ e: SourceEncoding) -> [Language] { languagesByEncoding[e] ?? [] }

    private static func singleLanguages(_ e: SourceEncoding) -> [Language] {
        switch e {
        case .windows1252, .latin1, .latin9, .macRoman: return [western]
        case .latin2, .windows1250: return [polish, czechSlovak, hungarian, southSlavic, romanian, germanInCentral]
        case .windows1251, .iso88595, .koi8R, .koi8U, .ibm866, .macCyrillic:
            return [russian, ukrainian, belarusian, bulgarian, serbian]
        case .windows1253, .iso88597: return [greek]
        case .windows1254, .iso88599: return [turkish, western]
        case .windows1257, .iso885913: return [baltic]
        case .windows1255, .iso88598: return [hebrew]
        case .windows1256, .iso88596: return [arabic]
        case .tis620: return [thai]
        case .ibm852, .macCentralEurope: return [polish, czechSlovak, hungarian, southSlavic, germanInCentral]
        case .iso88594: return [baltic]
        case .iso885910: return [baltic, nordic]
        case .iso885916: return [polish, romanian, southSlavic, hungarian, western]
        case .iso88593: return [maltese, esperanto, turkish]
        case .windows1258: return [vietnamese]
        default: return []
        }
    }

    /// The single-byte encodings detection considers, in order of preference when two score
    /// the same (the Windows code pages first: they are what exports are written in).
    static let candidates: [SourceEncoding] =
        [
            .windows1252, .windows1250, .latin2, .windows1251, .koi8R, .windows1253, .iso88597, .windows1254,
            .windows1257, .macRoman, .latin9, .iso88595, .ibm866, .macCyrillic, .koi8U, .iso88599, .iso885913,
            .windows1255, .iso88598, .windows1256, .iso88596, .tis620,
        ] + rare

    /// Code pages rare in exports that share most letters with a common one (ISO-8859-16 with
    /// ISO-8859-2, ISO-8859-4 with windows-1257): last, so that a tie goes to the common one.
    static let rare: [SourceEncoding] = [
        .iso885916, .iso88594, .iso885910, .iso88593, .ibm852, .macCentralEurope, .windows1258,
    ]

    /// Code points of bytes 0x80…0xFF per single-byte encoding (`undefined` where the encoding
    /// has no character), built once from iconv.
    static let undefined: UInt32 = 0xFFFF_FFFF
    static let tables: [SourceEncoding: [UInt32]] = {
        var out: [SourceEncoding: [UInt32]] = [:]
        for e in SourceEncoding.allCases where e.isSingleByte {
            var table = [UInt32](repeating: undefined, count: 128)
            for b in 0x80...0xFF {
                let bytes: [UInt8] = [UInt8(b)]
                let s = bytes.withUnsafeBufferPointer { LegacyTranscoder.decodeStrictly($0, from: e) }
                if let s, let scalar = s.unicodeScalars.first, s.unicodeScalars.count == 1 {
                    table[b - 0x80] = scalar.value
                }
            }
            out[e] = table
        }
        return out
    }()

    /// The score of decoding `bytes` with `encoding`, per non-ASCII byte (roughly −6…+2; higher
    /// is more plausible), or nil when a byte has no character in that encoding.
    static func score(_ bytes: UnsafeBufferPointer<UInt8>, as encoding: SourceEncoding) -> Double? {
        guard let table = tables[encoding] else { return nil }
        let langs = languages(encoding)
        guard !langs.isEmpty else { return nil }
        var best = -Double.infinity
        for lang in langs {
            guard let s = score(bytes, table: table, language: lang) else { return nil }
            best = max(best, s)
        }
        return best
    }

    private static func score(_ bytes: UnsafeBufferPointer<UInt8>, table: [UInt32], language: Language) -> Double? {
        var total = 0.0
        var nonASCII = 0
        // A word is a run of letters; scored when it ends.
        var word: [UInt32] = []
        var prevWasSymbol = false
        func scalar(_ b: UInt8) -> UInt32 { b < 0x80 ? UInt32(b) : table[Int(b) - 0x80] }
        func endWord() {
            defer { word.removeAll(keepingCapacity: true) }
            guard !word.isEmpty else { return }
            var ascii = 0, high = 0, vowels = 0
            for c in word { if c < 0x80 { ascii += 1 } else { high += 1 } }
            if high == 0 { return }
            var prevLower = false
            for c in word {
                let lower = lowercase(c)
                if c >= 0x80 {
                    total += language.letters.contains(lower) ? language.weight : -1
                    if isUpper(c) && prevLower { total -= 2 }
                }
                if language.vowels.contains(lower) { vowels += 1 }
                prevLower = isLower(c)
            }
            if language.latin {
                // Latin names mix accented letters with plain ones.
                if word.count >= 3 && high * 2 > word.count { total -= 1.5 * Double(high) }
            } else {
                if ascii > 0 { total -= 2 * Double(high) }
                if !language.vowels.isEmpty && word.count >= 4 && vowels * 5 < word.count {
                    total -= 1.5 * Double(high)
                }
            }
        }
        for b in bytes {
            let c = scalar(b)
            if c == undefined { return nil }
            if b >= 0x80 { nonASCII += 1 }
            if isLetter(c) {
                if prevWasSymbol { total -= 3 }
                prevWasSymbol = false
                word.append(c)
                continue
            }
            let hadWord = !word.isEmpty
            endWord()
            if b >= 0x80 {
                if c >= 0x80 && c < 0xA0 {
                    total -= 6
                } else if c != 0xA0 {
                    // A symbol right after a letter, or right before one (checked on the next letter).
                    if hadWord { total -= 3; prevWasSymbol = false } else { prevWasSymbol = true }
                    continue
                }
            }
            prevWasSymbol = false
        }
        endWord()
        guard nonASCII > 0 else { return 0 }
        return total / Double(nonASCII)
    }

    @inline(__always)
    static func isLetter(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        guard let s = Unicode.Scalar(c) else { return false }
        return s.properties.isAlphabetic
    }

    @inline(__always)
    static func isUpper(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x41 && c <= 0x5A }
        return Unicode.Scalar(c)?.properties.isUppercase ?? false
    }

    @inline(__always)
    static func isLower(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x61 && c <= 0x7A }
        return Unicode.Scalar(c)?.properties.isLowercase ?? false
    }

    static func lowercase(_ c: UInt32) -> UInt32 {
        if c < 0x80 { return (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }
        guard let s = Unicode.Scalar(c) else { return c }
        // İ lower-cases to two scalars; its first is the plain i.
        return s.properties.lowercaseMapping.unicodeScalars.first?.value ?? c
    }
}
