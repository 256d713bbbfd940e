import CRMDedupe

/// A compact, deterministic generator of contact records with planted duplicates, for measuring
/// `evaluate` at scale until `crmkit sample` exists.
///
/// Each entity gets a name (formal given names, family names built from syllables so there are
/// thousands of them and realistic same-name collisions), usually an e-mail, a phone, a birth date,
/// a city with postcode and an employer. About a fifth of the entities get one or two duplicates
/// carrying the kinds of differences CRM data has: nicknames, typos, swapped names, reformatted
/// phones, missing e-mails or birth dates, a different legal suffix on the company.
struct DedupeSyntheticContacts {
    var seed: UInt64

    static let givenNames = [
        "william", "robert", "margaret", "elizabeth", "james", "john", "mary", "patricia", "michael", "richard",
        "jennifer", "linda", "david", "susan", "joseph", "thomas", "charles", "christopher", "daniel", "matthew",
        "anthony", "donald", "katherine", "steven", "andrew", "joshua", "kenneth", "kevin", "brian", "george",
        "edward", "ronald", "timothy", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric",
        "stephen", "jonathan", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "frank", "gregory",
        "raymond", "alexander", "patrick", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "henry",
        "adam", "douglas", "nathan", "peter", "zachary", "kyle", "walter", "harold", "jeremy", "ethan",
        "barbara", "jessica", "sarah", "karen", "nancy", "lisa", "betty", "sandra", "ashley", "kimberly",
        "donna", "emily", "michelle", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "laura",
        "sharon", "cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela",
        "nicole", "samantha", "christine", "emma", "catherine", "debra", "virginia", "rachel", "carolyn", "janet",
        "maria", "heather", "diane", "julie", "joyce", "victoria", "kelly", "christina", "joan", "evelyn",
        "lauren", "judith", "olivia", "frances", "martha", "cheryl", "megan", "andrea", "hannah", "jacqueline",
        "ann", "jean", "alice", "kathryn", "gloria", "teresa", "doris", "sara", "janice", "julia",
        "marie", "madison", "grace", "judy", "theresa", "beverly", "denise", "marilyn", "amber", "danielle",
        "abigail", "brittany", "rose", "diana", "natalie", "sophia", "alexis", "lori", "kayla", "jane",
    ]
    static let nicknames: [String: [String]] = [
        "william": ["bill", "will", "billy", "liam"], "robert": ["bob", "rob", "bobby"],
        "margaret": ["peggy", "maggie", "meg"],
        "elizabeth": ["liz", "beth", "betty", "eliza"], "james": ["jim", "jimmy", "jamie"], "john": ["jack", "johnny"],
        "michael": ["mike", "mick"], "richard": ["rick", "dick", "rich"], "jennifer": ["jen", "jenny"],
        "joseph": ["joe", "joey"], "thomas": ["tom", "tommy"], "charles": ["charlie", "chuck"],
        "christopher": ["chris"],
        "daniel": ["dan", "danny"], "matthew": ["matt"], "anthony": ["tony"], "katherine": ["kate", "kathy", "katie"],
        "steven": ["steve"], "andrew": ["andy", "drew"], "edward": ["ed", "ted", "eddie"], "timothy": ["tim"],
        "nicholas": ["nick"], "samuel": ["sam"], "benjamin": ["ben"], "alexander": ["alex"],
        "patricia": ["pat", "patty"],
        "susan": ["sue", "susie"], "deborah": ["debbie", "deb"], "rebecca": ["becky"], "samantha": ["sam"],
        "victoria": ["vicky"], "kathleen": ["kathy"], "pamela": ["pam"], "abigail": ["abby"],
        "catherine": ["cathy", "kate"],
    ]
    static let syllables = [
        "an", "ber", "cal", "dor", "el", "fin", "gar", "hol", "ing", "jen", "kel", "lan", "mor", "nor",
        "ost", "par", "quin", "ros", "sel", "tor", "ul", "van", "wes", "yor", "zel", "ash", "brook",
        "ley", "ton", "son", "man", "field", "well", "wood", "stone", "hart",
    ]
    static let domains = ["gmail.com", "yahoo.com", "outlook.com", "example.org", "mail.net", "proton.me", "acme.io"]
    static let legalForms = ["Inc.", "LLC", "Ltd", "Corp.", "GmbH", "Co.", ""]

    struct Output {
        var records: [DedupeRecord]
        var truth: GroundTruth
        var entities: Int
    }

    func generate(count: Int) -> Output {
        var rng = BenchRandom(seed: seed)
        var records: [DedupeRecord] = []
        records.reserveCapacity(count)
        var truth: [Int: String] = [:]
        var entity = 0
        while records.count < count {
            let original = makeEntity(entity, &rng)
            append(original, entity, &records, &truth)
            if rng.chance(0.2) {
                for _ in 0..<(rng.chance(0.3) ? 2 : 1) where records.count < count {
                    append(perturb(original, &rng), entity, &records, &truth)
                }
            }
            entity += 1
        }
        return Output(records: records, truth: GroundTruth(clusterOf: truth), entities: entity)
    }

    private func append(
        _ record: DedupeRecord, _ entity: Int, _ records: inout [DedupeRecord], _ truth: inout [Int: String]
    ) {
        var record = record
        record.index = records.count
        truth[record.index] = String(entity)
        records.append(record)
    }

    func makeEntity(_ entity: Int, _ rng: inout BenchRandom) -> DedupeRecord {
        let given = rng.pick(Self.givenNames)
        // ~40k family names: two or three syllables.
        var family = rng.pick(Self.syllables) + rng.pick(Self.syllables)
        if rng.chance(0.5) { family += rng.pick(Self.syllables) }
        let cityNumber = rng.int(2000)
        var record = DedupeRecord(index: 0, givenName: given.capitalized, familyName: family.capitalized)
        if rng.chance(0.8) { record.emails = ["\(given).\(family)\(rng.int(100))@\(rng.pick(Self.domains))"] }
        if rng.chance(0.7) {
            record.phones = ["(\(200 + rng.int(800))) \(200 + rng.int(800))-\(String(rng.int(10000)).leftPad(4))"]
        }
        if rng.chance(0.7) {
            record.birthDate =
                "\(1940 + rng.int(65))-\(String(1 + rng.int(12)).leftPad(2))-\(String(1 + rng.int(28)).leftPad(2))"
        }
        record.city = "City \(cityNumber)"
        record.postcode = String(10000 + cityNumber * 7 + rng.int(7))
        if rng.chance(0.5) {
            record.company =
                "\(rng.pick(Self.syllables).capitalized)\(rng.pick(Self.syllables)) \(rng.pick(Self.legalForms))"
        }
        return record
    }

    func perturb(_ original: DedupeRecord, _ rng: inout BenchRandom) -> DedupeRecord {
        var r = original
        let given = (r.givenName ?? "").lowercased()
        if rng.chance(0.3), let options = Self.nicknames[given] { r.givenName = rng.pick(options).capitalized }
        if rng.chance(0.2), let family = r.familyName { r.familyName = typo(family, &rng) }
        if rng.chance(0.1), let given = r.givenName { r.givenName = typo(given, &rng) }
        if rng.chance(0.03) { swap(&r.givenName, &r.familyName) }
        if rng.chance(0.1) { r.givenName = r.givenName.map { String($0.prefix(1)) + "." } }
        if rng.chance(0.3) { r.emails = [] } else if rng.chance(0.2) { r.emails = r.emails.map { $0.uppercased() } }
        if let phone = r.phones.first {
            let digits = phone.filter(\.isNumber)
            switch rng.int(4) {
            case 0: r.phones = ["+1 " + digits]
            case 1: r.phones = [digits.prefix(3) + "." + digits.dropFirst(3).prefix(3) + "." + digits.suffix(4)]
            case 2: r.phones = ["1-" + digits + " ext. \(rng.int(900) + 100)"]
            default: r.phones = []
            }
        }
        if rng.chance(0.3) { r.birthDate = nil }
        if rng.chance(0.05), let date = r.birthDate {  // day and month swapped
            let parts = date.split(separator: "-")
            if parts.count == 3 { r.birthDate = "\(parts[0])-\(parts[2])-\(parts[1])" }
        }
        if rng.chance(0.2) { r.city = nil }
        if rng.chance(0.5), let company = r.company {
            r.company = company.split(separator: " ").first.map { "\($0) \(rng.pick(Self.legalForms))" }
        }
        return r
    }

    func typo(_ text: String, _ rng: inout BenchRandom) -> String {
        var characters = Array(text)
        guard characters.count > 3 else { return text }
        let i = 1 + rng.int(characters.count - 2)
        switch rng.int(3) {
        case 0: characters.swapAt(i, i - 1)
        case 1: characters.remove(at: i)
        default: characters[i] = Character(UnicodeScalar(UInt8(97 + rng.int(26))))
        }
        return String(characters)
    }
}

/// The few random helpers the generator needs, over CRMDedupe's SplitMix64.
struct BenchRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    mutating func next() -> UInt64 { generator.next() }
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
