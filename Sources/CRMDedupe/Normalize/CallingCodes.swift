/// Dialling rules for the regions a CRM most often sees: the country calling code, the national
/// trunk prefix dropped in international form, and the usual national number lengths.
///
/// This is not libphonenumber: it is enough to put the common ways of writing the same number
/// (`(020) 7946 0018`, `+44 20 7946 0018`, `0044 20 7946 0018`) on one E.164 string.
public struct CallingRegion: Sendable, Hashable {
    public let region: String
    public let callingCode: String
    /// Trunk prefix written before national numbers ("0" in most of Europe, "1" in NANP, none in Spain).
    public let trunkPrefix: String?
    /// Italy keeps the leading 0 in international form.
    public let keepsTrunkPrefix: Bool
    /// Prefix for dialling abroad besides `00` (NANP `011`, Australia `0011`).
    public let internationalPrefix: String
    public let nationalLengths: ClosedRange<Int>

    init(
        _ region: String, _ code: String, trunk: String? = "0", keep: Bool = false, intl: String = "00",
        lengths: ClosedRange<Int>
    ) {
        self.region = region
        self.callingCode = code
        self.trunkPrefix = trunk
        self.keepsTrunkPrefix = keep
        self.internationalPrefix = intl
        self.nationalLengths = lengths
    }
}

public enum CallingCodes {
    public static let regions: [String: CallingRegion] = {
        let list: [CallingRegion] = [
            .init("US", "1", trunk: "1", intl: "011", lengths: 10...10),
            .init("CA", "1", trunk: "1", intl: "011", lengths: 10...10),
            .init("GB", "44", lengths: 9...10), .init("IE", "353", lengths: 7...9),
            .init("AU", "61", intl: "0011", lengths: 9...9), .init("NZ", "64", lengths: 8...10),
            .init("DE", "49", lengths: 6...13), .init("AT", "43", lengths: 4...13),
            .init("CH", "41", lengths: 9...9), .init("FR", "33", lengths: 9...9),
            .init("BE", "32", lengths: 8...9), .init("NL", "31", lengths: 9...9),
            .init("LU", "352", trunk: nil, lengths: 4...11), .init("IT", "39", trunk: "0", keep: true, lengths: 6...11),
            .init("ES", "34", trunk: nil, lengths: 9...9), .init("PT", "351", trunk: nil, lengths: 9...9),
            .init("DK", "45", trunk: nil, lengths: 8...8), .init("NO", "47", trunk: nil, lengths: 8...8),
            .init("SE", "46", lengths: 7...9), .init("FI", "358", lengths: 5...12),
            .init("PL", "48", trunk: nil, lengths: 9...9), .init("CZ", "420", trunk: nil, lengths: 9...9),
            .init("HU", "36", trunk: "06", lengths: 8...9), .init("GR", "30", trunk: nil, lengths: 10...10),
            .init("RO", "40", lengths: 9...9), .init("TR", "90", lengths: 10...10),
            .init("RU", "7", trunk: "8", intl: "810", lengths: 10...10), .init("UA", "380", lengths: 9...9),
            .init("IL", "972", lengths: 8...9), .init("AE", "971", lengths: 8...9),
            .init("SA", "966", lengths: 9...9), .init("ZA", "27", lengths: 9...9),
            .init("NG", "234", lengths: 8...10), .init("KE", "254", lengths: 9...9),
            .init("EG", "20", lengths: 9...10), .init("IN", "91", lengths: 10...10),
            .init("PK", "92", lengths: 9...10), .init("CN", "86", lengths: 9...11),
            .init("HK", "852", trunk: nil, intl: "001", lengths: 8...8), .init("TW", "886", lengths: 8...9),
            .init("JP", "81", intl: "010", lengths: 9...10), .init("KR", "82", intl: "001", lengths: 8...10),
            .init("SG", "65", trunk: nil, intl: "000", lengths: 8...8), .init("MY", "60", lengths: 8...10),
            .init("TH", "66", intl: "001", lengths: 8...9), .init("PH", "63", lengths: 8...10),
            .init("ID", "62", intl: "001", lengths: 8...12), .init("VN", "84", lengths: 9...10),
            .init("BR", "55", trunk: "0", intl: "0021", lengths: 10...11),
            .init("MX", "52", trunk: nil, lengths: 10...10),
            .init("AR", "54", lengths: 10...10), .init("CL", "56", trunk: nil, intl: "1230", lengths: 9...9),
            .init("CO", "57", trunk: nil, intl: "009", lengths: 10...10), .init("PE", "51", lengths: 8...9),
        ]
        return Dictionary(list.map { ($0.region, $0) }, uniquingKeysWith: { first, _ in first })
    }()

    /// Calling codes whose numbers are written with a trunk `0` that is not dialled from abroad
    /// (`+44 (0)20 …`): the codes of regions with trunk prefix "0" that do not keep it. (Regions
    /// sharing a code agree on this, so the answer does not depend on which one is asked.)
    public static let dropsTrunkZero: Set<String> = Set(
        regions.values.filter { !$0.keepsTrunkPrefix && $0.trunkPrefix == "0" }.map(\.callingCode))

    /// Every assigned country calling code (ITU-T E.164), so numbers from anywhere split correctly
    /// into code and national number even when the region has no entry in `regions`.
    public static let allCallingCodes: Set<String> = {
        let list = """
            1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 \
            81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 \
            232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 \
            257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 \
            358 359 370 371 372 373 374 375 376 377 378 379 380 381 382 383 385 386 387 389 420 421 423 500 501 \
            502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 \
            678 679 680 681 682 683 685 686 687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 \
            882 883 886 888 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 \
            995 996 998
            """
        return Set(list.split(separator: " ").map(String.init))
    }()
}
