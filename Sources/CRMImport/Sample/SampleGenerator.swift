import CRMDedupe
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
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    /// Uniform in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

/// One synthetic contact.
public struct SampleContact: Sendable, Hashable {
    public var id: Int
    public var firstName: String
    public var lastName: String
    public var email: String
    /// A second address: a family mailbox, or a private one next to the work one.
    public var email2: String = ""
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

/// Generates contacts shaped like a real CRM's, with planted duplicates, deterministically from a seed.
///
/// - Names follow a real population's frequencies (`NameSampler`): many different people called
///   John Smith, a long tail of rare names.
/// - People share addresses by design: households with one family mailbox and one landline,
///   colleagues who each use `first-name@company`, role addresses (`info@`), and now and then two
///   people of the same name at the same company.
/// - Some rows have no e-mail at all; some people have a private and a work address.
/// - A duplicate is the same person exported again by another system: a nickname, a typo, a
///   reformatted phone number, a dropped or re-cased e-mail, a company written differently.
///
/// Memory stays nearly flat: originals to copy are kept in a bounded window of recent ones; only
/// the set of work addresses handed out grows (one short string per person).
public struct SampleGenerator: IteratorProtocol, Sendable {
    public let count: Int
    public let duplicateRate: Double
    private var rng: SampleRandom
    private var index = 0
    private var nextCluster = 0
    private var recent: [SampleContact] = []
    private var recentCursor = 0
    /// Records of one household or office already decided, waiting to be emitted.
    private var pending: [SampleContact] = []
    /// Personal work addresses handed out so far (`first.last@company`), kept unique.
    private var workAddresses = Set<String>()
    static let window = 5_000
    static let companyCount = 4_000

    public init(count: Int, duplicateRate: Double = 0.1, seed: UInt64 = 1) {
        self.count = count
        self.duplicateRate = min(max(duplicateRate, 0), 0.9)
        rng = SampleRandom(seed: seed)
    }

    public mutating func next() -> SampleContact? {
        guard index < count else { return nil }
        defer { index += 1 }
        if !pending.isEmpty {
            var c = pending.removeFirst()
            c.id = index
            remember(c)
            return c
        }
        if !recent.isEmpty && rng.chance(duplicateRate) {
            var c = vary(recent[rng.int(recent.count)])
            c.id = index
            return c
        }
        let roll = rng.unit()
        var c: SampleContact
        if roll < 0.06 {
            let household = self.household()
            c = household[0]
            pending.append(contentsOf: household.dropFirst())
        } else if roll < 0.09, let twin = sameNameColleague() {
            c = twin
        } else {
            c = original()
        }
        c.id = index
        remember(c)
        return c
    }

    private mutating func remember(_ c: SampleContact) {
        if recent.count < SampleGenerator.window {
            recent.append(c)
        } else {
            recent[recentCursor] = c
            recentCursor = (recentCursor + 1) % SampleGenerator.window
        }
    }

    private mutating func newCluster() -> Int {
        defer { nextCluster += 1 }
        return nextCluster
    }

    /// A company by size: a few large employers, many small firms.
    private mutating func company() -> (name: String, domain: String) {
        let i = Int(pow(rng.unit(), 2) * Double(Self.companyCount))
        let base = SampleData.companies[i % SampleData.companies.count]
        if i < SampleData.companies.count { return base }
        let word = NameSampler.capitalized(
            PopulationNames.surnames.entries[(i * 7) % PopulationNames.surnames.entries.count].name)
        let kind = SampleData.companyKinds[i % SampleData.companyKinds.count]
        return ("\(word) \(kind)", "\(word.lowercased())-\(kind.split(separator: " ")[0].lowercased()).example")
    }

    private mutating func person(first: String, last: String) -> SampleContact {
        let (company, domain) = self.company()
        let (city, zipBase, country) = rng.pick(SampleData.cities)
        let zip = Self.postcode(near: zipBase, &rng)
        let firstLocal = Self.ascii(first).lowercased(), lastLocal = Self.ascii(last).lowercased().replacingSpaces()
        var email = "", email2 = ""
        let scheme = rng.unit()
        if scheme < 0.15 {
            email = ""  // no e-mail at all
        } else if scheme < 0.40 {
            email =
                firstLocal + (rng.chance(0.5) ? "." : "") + lastLocal + "\(rng.int(1000))@"
                + rng.pick(SampleData.personalMail)
        } else if scheme < 0.46 {
            email = firstLocal + "@" + domain  // everyone called this at the company uses it
        } else if scheme < 0.49 {
            email = rng.pick(["info", "sales", "office", "contact"]) + "@" + domain
        } else {
            email = firstLocal + "." + lastLocal + "@" + domain
            // A company gives each person their own address: a second John Smith gets another one.
            while workAddresses.contains(email) {
                email = firstLocal.prefix(1) + lastLocal + "\(rng.int(1000))@" + domain
            }
            workAddresses.insert(email)
            if rng.chance(0.2) {
                email2 = firstLocal + lastLocal + "\(rng.int(1000))@" + rng.pick(SampleData.personalMail)
            }
        }
        let phone = Self.formatPhone(digits: Self.digits(&rng, 10), style: rng.int(4))
        let mobile = rng.chance(0.6) ? Self.formatPhone(digits: Self.digits(&rng, 10), style: rng.int(4)) : ""
        let c = SampleContact(
            id: index, firstName: first, lastName: last, email: email, email2: email2, phone: phone, mobile: mobile,
            company: company, title: rng.pick(SampleData.titles),
            street: "\(1 + rng.int(2000)) \(rng.pick(SampleData.streets))",
            city: city, postalCode: zip, country: country, notes: rng.pick(SampleData.notes), clusterID: newCluster())
        return c
    }

    private mutating func original() -> SampleContact {
        let sampler = NameSampler.shared
        if rng.chance(0.08) {
            // Names from other countries and scripts, with accents.
            let (first, _) = rng.pick(SampleData.firstNames)
            return person(first: first, last: rng.pick(SampleData.lastNames))
        }
        return person(first: sampler.givenName(&rng), last: sampler.familyName(&rng))
    }

    /// Two or three people of one surname at one address, sharing a family mailbox and a landline.
    private mutating func household() -> [SampleContact] {
        let sampler = NameSampler.shared
        let last = sampler.familyName(&rng)
        let size = 2 + rng.int(2)
        let familyMail =
            Self.ascii(last).lowercased().replacingSpaces() + (rng.chance(0.5) ? "family" : "s")
            + "\(rng.int(100))@" + rng.pick(SampleData.personalMail)
        let landline = Self.formatPhone(digits: Self.digits(&rng, 10), style: rng.int(4))
        var members: [SampleContact] = []
        var firsts: [String] = []
        while members.count < size {
            let first = sampler.givenName(&rng)
            guard
                !firsts.contains(where: {
                    NicknameTable.areEquivalent($0.lowercased(), first.lowercased()) || $0.prefix(1) == first.prefix(1)
                        || JaroWinkler.similarity($0.lowercased(), first.lowercased()) >= 0.8
                })
            else { continue }
            firsts.append(first)
            var c = person(first: first, last: last)
            if let home = members.first {
                c.street = home.street
                c.city = home.city
                c.postalCode = home.postalCode
                c.country = home.country
            }
            if rng.chance(0.5) || c.email.isEmpty { c.email = familyMail } else { c.email2 = familyMail }
            c.phone = landline
            members.append(c)
        }
        return members
    }

    /// Another person with the name of someone already at the same company (their own e-mail and
    /// phone). Only common names repeat within one company, as in real staff lists.
    private mutating func sameNameColleague() -> SampleContact? {
        guard !recent.isEmpty else { return nil }
        let other = recent[rng.int(recent.count)]
        guard PopulationNames.givenNames.share(other.firstName.lowercased()) >= 0.004,
            PopulationNames.surnames.share(other.lastName.lowercased()) >= 0.002
        else { return nil }
        var c = person(first: other.firstName, last: other.lastName)
        c.company = other.company
        let domain = other.email.split(separator: "@").last.map(String.init) ?? ""
        if c.email.contains("@"), !domain.isEmpty, !SampleData.personalMail.contains(domain.lowercased()) {
            var email =
                Self.ascii(c.firstName).lowercased().prefix(1) + Self.ascii(c.lastName).lowercased().replacingSpaces()
                + "\(rng.int(1000))@" + domain
            while workAddresses.contains(email) { email = "x" + email }
            workAddresses.insert(email)
            c.email = email
        }
        return c
    }

    private mutating func vary(_ o: SampleContact) -> SampleContact {
        var c = o
        var changes = 0
        let nicks = NameSampler.shared.nicknames(of: o.firstName)
        if rng.chance(0.3), !nicks.isEmpty {
            c.firstName = rng.pick(nicks); changes += 1
        }
        if rng.chance(0.2) { c.lastName = typo(c.lastName); changes += 1 }
        if rng.chance(0.1) { c.firstName = typo(c.firstName); changes += 1 }
        if rng.chance(0.5) {
            let digits = String(o.phone.filter(\.isNumber).suffix(10))
            c.phone = Self.formatPhone(digits: digits, style: rng.int(4)); changes += 1
        }
        if rng.chance(0.2) {
            c.email = ""; changes += 1
        } else if rng.chance(0.2) {
            c.email = c.email.uppercased(); changes += 1
        }
        if rng.chance(0.4) { c.email2 = "" }
        if rng.chance(0.2) {
            c.company = c.company.replacingOccurrences(of: " Inc.", with: "").replacingOccurrences(
                of: " Ltd", with: " Limited")
            changes += 1
        }
        if rng.chance(0.3) { c.mobile = "" }
        if rng.chance(0.3) { c.title = "" }
        if rng.chance(0.1) { c.street = ""; c.postalCode = "" }
        if rng.chance(0.15) { c.firstName = c.firstName.uppercased(); c.lastName = c.lastName.uppercased() }
        if changes == 0 { c.lastName = typo(c.lastName) }
        return c
    }

    /// A postcode of the same area: a city has many (the last two digits vary), so a postcode
    /// is shared by a few hundred records at most, as in real data.
    static func postcode(near base: String, _ rng: inout SampleRandom) -> String {
        var chars = Array(base)
        guard chars.count >= 4, chars.suffix(2).allSatisfy(\.isNumber) else { return base }
        chars[chars.count - 2] = Character(String(rng.int(10)))
        chars[chars.count - 1] = Character(String(rng.int(10)))
        return String(chars)
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
