import Foundation

/// A small, fast, seedable random generator (SplitMix64): the same seed gives the same file on
/// every platform.
public struct SampleRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

/// One synthetic contact.
public struct SampleContact: Sendable, Hashable {
    public var id: Int
    public var firstName: String
    public var lastName: String
    public var email: String
    public var phone: String
    public var mobile: String
    public var company: String
    public var title: String
    public var street: String
    public var city: String
    public var postalCode: String
    public var country: String
    public var notes: String
    /// The true entity this record describes (duplicates share it).
    public var clusterID: Int
}

/// Generates realistic contacts with planted duplicates, deterministically from a seed.
/// Duplicates copy a recent original and vary it as real data varies: a nickname, a typo, a
/// reformatted phone number, a missing or re-cased e-mail, a company written differently.
/// Memory stays flat: originals to copy are kept in a bounded window of recent ones.
public struct SampleGenerator: IteratorProtocol, Sendable {
    public let count: Int
    public let duplicateRate: Double
    private var rng: SampleRandom
    private var index = 0
    private var nextCluster = 0
    private var recent: [SampleContact] = []
    private var recentCursor = 0
    static let window = 5_000

    public init(count: Int, duplicateRate: Double = 0.1, seed: UInt64 = 1) {
        self.count = count
        self.duplicateRate = min(max(duplicateRate, 0), 0.9)
        rng = SampleRandom(seed: seed)
    }

    public mutating func next() -> SampleContact? {
        guard index < count else { return nil }
        defer { index += 1 }
        if !recent.isEmpty && rng.chance(duplicateRate) {
            var c = vary(recent[rng.int(recent.count)])
            c.id = index
            return c
        }
        let c = original()
        if recent.count < SampleGenerator.window { recent.append(c) } else {
            recent[recentCursor] = c
            recentCursor = (recentCursor + 1) % SampleGenerator.window
        }
        return c
    }

    private mutating func original() -> SampleContact {
        let (first, _) = rng.pick(SampleData.firstNames)
        let last = rng.pick(SampleData.lastNames)
        let (company, domain) = rng.pick(SampleData.companies)
        let (city, zip, country) = rng.pick(SampleData.cities)
        let local = Self.ascii(first).lowercased() + (rng.chance(0.5) ? "." : "") + Self.ascii(last).lowercased().replacingSpaces()
        let email: String
        switch rng.int(10) {
        case 0: email = ""  // no e-mail at all
        case 1, 2: email = local + "\(rng.int(100))@" + rng.pick(SampleData.freeMail)
        default: email = local + "@" + domain
        }
        let phone = Self.formatPhone(digits: Self.digits(&rng, 10), style: rng.int(4))
        let mobile = rng.chance(0.6) ? Self.formatPhone(digits: Self.digits(&rng, 10), style: rng.int(4)) : ""
        let cluster = nextCluster
        nextCluster += 1
        return SampleContact(
            id: index, firstName: first, lastName: last, email: email, phone: phone, mobile: mobile, company: company,
            title: rng.pick(SampleData.titles), street: "\(1 + rng.int(250)) \(rng.pick(SampleData.streets))",
            city: city, postalCode: zip, country: country, notes: rng.pick(SampleData.notes), clusterID: cluster)
    }

    private mutating func vary(_ o: SampleContact) -> SampleContact {
        var c = o
        var changes = 0
        if rng.chance(0.35), let nicks = SampleData.firstNames.first(where: { $0.0 == o.firstName })?.1, !nicks.isEmpty {
            c.firstName = rng.pick(nicks); changes += 1
        }
        if rng.chance(0.3) { c.lastName = typo(c.lastName); changes += 1 }
        if rng.chance(0.2) { c.firstName = typo(c.firstName); changes += 1 }
        if rng.chance(0.5) {
            let digits = String(o.phone.filter(\.isNumber).suffix(10))
            c.phone = Self.formatPhone(digits: digits, style: rng.int(4)); changes += 1
        }
        if rng.chance(0.2) { c.email = ""; changes += 1 } else if rng.chance(0.2) { c.email = c.email.uppercased(); changes += 1 }
        if rng.chance(0.2) {
            c.company = c.company.replacingOccurrences(of: " Inc.", with: "").replacingOccurrences(of: " Ltd", with: " Limited")
            changes += 1
        }
        if rng.chance(0.3) { c.mobile = "" }
        if rng.chance(0.3) { c.title = "" }
        if rng.chance(0.15) { c.firstName = c.firstName.uppercased() ; c.lastName = c.lastName.uppercased() }
        if changes == 0 { c.lastName = typo(c.lastName) }
        return c
    }

    private mutating func typo(_ s: String) -> String {
        var chars = Array(s)
        guard chars.count >= 3 else { return s }
        let i = 1 + rng.int(chars.count - 2)
        switch rng.int(3) {
        case 0: chars.swapAt(i, i - 1)
        case 1: chars.remove(at: i)
        default: chars.insert(chars[i], at: i)
        }
        return String(chars)
    }

    static func digits(_ rng: inout SampleRandom, _ n: Int) -> String {
        var s = String(2 + rng.int(8))
        for _ in 1..<n { s += String(rng.int(10)) }
        return s
    }

    static func formatPhone(digits d: String, style: Int) -> String {
        let a = Array(d)
        guard a.count == 10 else { return d }
        let p1 = String(a[0..<3]), p2 = String(a[3..<6]), p3 = String(a[6..<10])
        switch style {
        case 0: return "(\(p1)) \(p2)-\(p3)"
        case 1: return "\(p1)-\(p2)-\(p3)"
        case 2: return "+1 \(p1) \(p2) \(p3)"
        default: return "\(p1).\(p2).\(p3)"
        }
    }

    static func ascii(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "é", "è", "ë": out += "e"
            case "á", "à": out += "a"
            case "ï", "í": out += "i"
            case "ö", "ó", "ø": out += "o"
            case "ü", "ú": out += "u"
            case "ç": out += "c"
            case "ł", "Ł": out += "l"
            case "ñ": out += "n"
            case "'", " ": continue
            default: if ch.isASCII { out.append(ch) }
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { split(separator: " ").joined(separator: "-") }
}
